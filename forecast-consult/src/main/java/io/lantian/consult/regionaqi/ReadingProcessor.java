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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stores each reading, recomputes the AQI of that hour for its district and its township, publishes both to
 * {@code aq.region-aqi.v1} (through the outbox, with the reading's transaction) and, when heavy pollution is
 * already observed in the district, asks the consultation for a proposal (warnings are a district's business: a
 * township's AQI never opens one). Idempotent: a repeated reading changes nothing, and a region has at most one open
 * proposal. The readings topic is keyed by station, so two stations of one district may be processed at once by two
 * replicas; the district hour is recomputed under a lock, so the last figure published for it counts them both.
 */
@Service
class ReadingProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReadingProcessor.class);
    private final ReadingStore readings;
    private final RegionStations stations;
    private final ConsultationService consultation;
    private final ObservedPollutionRule rule;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final RegionAqiGauges gauges;

    ReadingProcessor(ReadingStore readings, RegionStations stations, ConsultationService consultation,
                     ObservedPollutionRule rule, JdbcClient jdbc, Outbox outbox, MeterRegistry meters, RegionAqiGauges gauges) {
        this.readings = readings;
        this.stations = stations;
        this.consultation = consultation;
        this.rule = rule;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.meters = meters;
        this.gauges = gauges;
    }

    @Transactional
    public void process(ReadingAccepted reading) {
        ReadingStore.Stored stored = readings.upsert(reading);
        meters.counter("lantian_consult_readings", "stored", stored.name().toLowerCase(Locale.ROOT)).increment();
        if (stored == ReadingStore.Stored.DUPLICATE) {
            return; // counted once: nothing downstream changes
        }
        if (!reading.averaging().equals(Duration.ofHours(1))) {
            return; // the real-time AQI is made of hourly values; shorter ones are kept for the rolling means
        }
        // taken after this reading's row is written: whoever holds it next sees that row once this one commits
        jdbc.sql("select pg_advisory_xact_lock(hashtext('region-aqi'), hashtext(?))")
                .param(reading.regionId() + "/" + reading.periodEnd()).query((rs, n) -> 1).single();
        Area district = Area.district(reading.regionId());
        RegionHourAqi regionAqi = publish(district, reading.periodEnd());
        if (rule.enabled() && regionAqi.aqi() > rule.aboveAqi()) {
            consultation.onObservedPollution(reading.regionId(), rule.level(),
                    "observed: real-time AQI above " + rule.aboveAqi() + "; " + regionAqi.describe());
        }
        stations.townshipOf(reading.stationId(), reading.regionId())
                .ifPresent(township -> publish(Area.township(reading.regionId(), township), reading.periodEnd()));
    }

    private RegionHourAqi publish(Area area, Instant hour) {
        RegionHourAqi regionAqi = RegionHourAqi.of(area.id(), hour, readings.hourlyMeans(area, hour));
        log.debug("{}", regionAqi.describe());
        Map<String, Integer> iaqi = new LinkedHashMap<>();
        regionAqi.result().subIndices().stream().filter(sub -> sub.value().isPresent())
                .forEach(sub -> iaqi.put(sub.indicator().key(), sub.value().getAsInt()));
        outbox.append(Topics.REGION_AQI, area.id(), new RegionAqiEvent(area.id(), hour,
                regionAqi.result().standard().code(), regionAqi.aqi(), iaqi,
                regionAqi.result().primaryPollutants().stream().map(Indicator::key).toList(),
                readings.stationsIn(area, hour), Instant.now().truncatedTo(ChronoUnit.MILLIS), area.scope(), area.township()));
        gauges.show(area, hour, regionAqi.aqi(), iaqi);
        return regionAqi;
    }
}
