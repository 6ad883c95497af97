package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.consult.warning.WarningService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;

/**
 * Stores each reading, recomputes its region's AQI for that hour and applies the placeholder warning rule.
 * Idempotent: a re-delivered reading overwrites itself and an active warning is not issued twice.
 */
@Service
class ReadingProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReadingProcessor.class);
    private final ReadingStore readings;
    private final WarningService warnings;
    private final PlaceholderRuleProperties rule;

    ReadingProcessor(ReadingStore readings, WarningService warnings, PlaceholderRuleProperties rule) {
        this.readings = readings;
        this.warnings = warnings;
        this.rule = rule;
    }

    @Transactional
    public void process(ReadingAccepted reading) {
        readings.upsert(reading);
        if (!reading.averaging().equals(Duration.ofHours(1))) {
            return; // the real-time AQI is made of hourly values; shorter ones are kept for the rolling means
        }
        RegionHourAqi regionAqi = RegionHourAqi.of(reading.regionId(), reading.periodEnd(),
                readings.hourlyMeans(reading.regionId(), reading.periodEnd()));
        log.debug("{}", regionAqi.describe());
        if (regionAqi.aqi() >= rule.aqiThreshold()) {
            warnings.issueUnlessActive(reading.regionId(), rule.level(),
                    "placeholder rule: real-time AQI >= " + rule.aqiThreshold() + "; " + regionAqi.describe(), "system");
        }
    }
}
