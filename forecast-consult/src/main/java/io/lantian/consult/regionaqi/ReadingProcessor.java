package io.lantian.consult.regionaqi;

import io.lantian.common.aqi.Indicator;
import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.RegionAqiEvent;
import io.lantian.common.topics.Topics;
import io.lantian.consult.consultation.ConsultationService;
import io.lantian.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores each reading, recomputes its region's AQI for that hour, publishes it to {@code aq.region-aqi.v1}
 * (through the outbox, with the reading's transaction) and, when heavy pollution is already observed, asks
 * the consultation for a proposal. Idempotent: a repeated reading changes nothing, and a region has at most
 * one open proposal. The gauge {@code lantian_region_aqi{region}} shows each region's latest hour.
 */
@Service
class ReadingProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReadingProcessor.class);
    private final ReadingStore readings;
    private final ConsultationService consultation;
    private final ObservedPollutionRule rule;

    private final Outbox outbox;
    private final MeterRegistry meters;
    /** Per region: the latest hour seen and its AQI (regions are few: a fine gauge tag). */
    private final Map<String, AtomicInteger> latestAqi = new ConcurrentHashMap<>();
    private final Map<String, Instant> latestHour = new ConcurrentHashMap<>();

    ReadingProcessor(ReadingStore readings, ConsultationService consultation, ObservedPollutionRule rule, Outbox outbox,
                     MeterRegistry meters) {
        this.readings = readings;
        this.consultation = consultation;
        this.rule = rule;
        this.outbox = outbox;
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
        publish(regionAqi);
        if (rule.enabled() && regionAqi.aqi() > rule.aboveAqi()) {
            consultation.onObservedPollution(reading.regionId(), rule.level(),
                    "observed: real-time AQI above " + rule.aboveAqi() + "; " + regionAqi.describe());
        }
    }

    private void publish(RegionHourAqi regionAqi) {
        Map<String, Integer> iaqi = new LinkedHashMap<>();
        regionAqi.result().subIndices().stream().filter(sub -> sub.value().isPresent())
                .forEach(sub -> iaqi.put(sub.indicator().key(), sub.value().getAsInt()));
        outbox.append(Topics.REGION_AQI, regionAqi.regionId(), new RegionAqiEvent(regionAqi.regionId(),
                regionAqi.periodEnd(), regionAqi.result().standard().code(), regionAqi.aqi(), iaqi,
                regionAqi.result().primaryPollutants().stream().map(Indicator::key).toList(),
                readings.stationsIn(regionAqi.regionId(), regionAqi.periodEnd()), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        Instant newest = latestHour.merge(regionAqi.regionId(), regionAqi.periodEnd(), (a, b) -> a.isAfter(b) ? a : b);
        if (newest.equals(regionAqi.periodEnd())) {
            latestAqi.computeIfAbsent(regionAqi.regionId(), region -> meters.gauge("lantian_region_aqi",
                    java.util.List.of(io.micrometer.core.instrument.Tag.of("region", region)), new AtomicInteger()))
                    .set(regionAqi.aqi());
        }
    }
}
