package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.consult.consultation.ConsultationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;

/**
 * Stores each reading, recomputes its region's AQI for that hour and, when heavy pollution is already
 * observed, asks the consultation for a proposal. Idempotent: a repeated reading changes nothing, and a
 * region has at most one open proposal.
 */
@Service
class ReadingProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReadingProcessor.class);
    private final ReadingStore readings;
    private final ConsultationService consultation;
    private final ObservedPollutionRule rule;

    private final MeterRegistry meters;

    ReadingProcessor(ReadingStore readings, ConsultationService consultation, ObservedPollutionRule rule, MeterRegistry meters) {
        this.readings = readings;
        this.consultation = consultation;
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
        if (rule.enabled() && regionAqi.aqi() > rule.aboveAqi()) {
            consultation.onObservedPollution(reading.regionId(), rule.level(),
                    "observed: real-time AQI above " + rule.aboveAqi() + "; " + regionAqi.describe());
        }
    }
}
