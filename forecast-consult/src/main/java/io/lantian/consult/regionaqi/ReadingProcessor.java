package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.consult.warning.WarningService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
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

    private final MeterRegistry meters;

    ReadingProcessor(ReadingStore readings, WarningService warnings, PlaceholderRuleProperties rule, MeterRegistry meters) {
        this.readings = readings;
        this.warnings = warnings;
        this.rule = rule;
        this.meters = meters;
    }

    @Transactional
    public void process(ReadingAccepted reading) {
        ReadingStore.Stored stored = readings.upsert(reading);
        meters.counter("lantian_consult_readings", "stored", stored.name().toLowerCase(java.util.Locale.ROOT)).increment();
        if (stored == ReadingStore.Stored.DUPLICATE) {
            return; // counted once: nothing downstream changes
        }
        if (!reading.averaging().equals(Duration.ofHours(1))) {
            return; // the real-time AQI is made of hourly values; shorter ones are kept for the rolling means
        }
        RegionHourAqi regionAqi = RegionHourAqi.of(reading.regionId(), reading.periodEnd(),
                readings.hourlyMeans(reading.regionId(), reading.periodEnd()));
        log.debug("{}", regionAqi.describe());
        if (regionAqi.aqi() >= rule.aqiThreshold()) {
            warnings.issueUnlessActive(reading.regionId(), new WarningService.Decision(rule.level(), null, null,
                    "placeholder rule: real-time AQI >= " + rule.aqiThreshold() + "; " + regionAqi.describe(), "system", null));
        }
    }
}
