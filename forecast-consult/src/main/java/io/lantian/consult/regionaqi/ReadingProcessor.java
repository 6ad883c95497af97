package io.lantian.consult.regionaqi;

import io.lantian.common.aqi.Indicator;
import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.RegionAqiEvent;
import io.lantian.common.topics.Topics;
import io.lantian.consult.consultation.ConsultationService;
import io.lantian.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stores readings, recomputes the AQI of the hours they fall in for their districts and townships, publishes those
 * to {@code aq.region-aqi.v1} (through the outbox, with the readings' transaction) and, when heavy pollution is
 * already observed in a district, asks the consultation for a proposal (warnings are a district's business: a
 * township's AQI never opens one). Idempotent: a repeated reading changes nothing, and a region has at most one open
 * proposal.
 *
 * <p>Works on a batch (one poll of the topic) in a few transactions (its districts in shares), set-wise: one
 * statement stores a share's readings, and each district or township hour touched is recomputed and published once,
 * however many of its stations' readings the batch holds — one event per area-hour per batch, the last one for an
 * hour carrying every value stored for it.
 * The readings topic is keyed by station, so two stations of one district may be processed at once by two
 * consumers; a district hour is recomputed under a lock taken after the batch's rows are written (in one order, so
 * two batches never wait on each other in a circle), so whoever holds it next sees those rows once this batch commits
 * and the last figure published for the hour counts them all.
 */
@Service
class ReadingProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReadingProcessor.class);
    private static final Duration HOUR = Duration.ofHours(1);
    /** Districts recomputed per transaction. */
    static final int DISTRICTS_PER_TRANSACTION = 8;
    private static final Comparator<ReadingStore.AreaHour> AREA_HOUR_ORDER = Comparator
            .comparing((ReadingStore.AreaHour a) -> a.area().district())
            .thenComparing(a -> a.area().township() == null ? "" : a.area().township())
            .thenComparing(ReadingStore.AreaHour::hour);

    private final ReadingStore readings;
    private final RegionStations stations;
    private final ConsultationService consultation;
    private final ObservedPollutionRule rule;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final RegionAqiGauges gauges;
    private final TransactionTemplate tx;

    ReadingProcessor(TransactionTemplate tx, ReadingStore readings, RegionStations stations, ConsultationService consultation,
                     ObservedPollutionRule rule, JdbcClient jdbc, Outbox outbox, MeterRegistry meters, RegionAqiGauges gauges) {
        this.tx = tx;
        this.readings = readings;
        this.stations = stations;
        this.consultation = consultation;
        this.rule = rule;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.meters = meters;
        this.gauges = gauges;
    }

    /**
     * One batch (a poll of the topic): its readings are split by district, and the districts taken
     * {@value #DISTRICTS_PER_TRANSACTION} at a time, in one order, each share in a transaction of its own (see
     * {@link #processDistricts}). The locks of a share are held until it commits, so two consumer threads working on
     * batches of the same hours follow each other share by share instead of one waiting for the other's whole batch.
     * A share's readings are stored and published in the same transaction, so a batch redelivered after a failure
     * between two shares finds the first share's readings stored (duplicates, already published) and does the rest.
     */
    public void processAll(List<ReadingAccepted> batch) {
        batch.forEach(r -> Objects.requireNonNull(r, "a reading record without a value"));
        Map<String, List<ReadingAccepted>> byDistrict = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        // a reading's later repeats in the poll go with its first, so they are stored in the poll's order even when
        // they name another district
        Map<String, String> districtOfKey = new HashMap<>();
        batch.forEach(r -> byDistrict.computeIfAbsent(districtOfKey.computeIfAbsent(ReadingStore.naturalKey(r), k -> r.regionId()),
                d -> new ArrayList<>()).add(r));
        List<ReadingAccepted> share = new ArrayList<>();
        int districts = 0;
        for (List<ReadingAccepted> district : byDistrict.values()) {
            share.addAll(district);
            if (++districts == DISTRICTS_PER_TRANSACTION) {
                List<ReadingAccepted> readings = List.copyOf(share);
                tx.executeWithoutResult(status -> processDistricts(readings));
                share.clear();
                districts = 0;
            }
        }
        if (!share.isEmpty()) {
            tx.executeWithoutResult(status -> processDistricts(share));
        }
    }

    /** Readings of some districts, in the caller's transaction, set-wise (see the class comment). */
    private void processDistricts(List<ReadingAccepted> batch) {
        List<ReadingStore.Stored> stored = readings.upsertAll(batch);
        Map<ReadingStore.Stored, Integer> counts = new EnumMap<>(ReadingStore.Stored.class);
        stored.forEach(s -> counts.merge(s, 1, Integer::sum));
        counts.forEach((s, n) -> meters.counter("lantian_consult_readings", "stored", s.name().toLowerCase(Locale.ROOT)).increment(n));

        // the real-time AQI is made of hourly values; shorter ones are kept for the rolling means. A duplicate changes
        // nothing downstream.
        Set<ReadingStore.AreaHour> districtHours = new TreeSet<>(AREA_HOUR_ORDER);
        Map<StationInDistrict, Set<Instant>> stationHours = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            ReadingAccepted r = batch.get(i);
            if (stored.get(i) != ReadingStore.Stored.DUPLICATE && r.averaging().equals(HOUR)) {
                districtHours.add(new ReadingStore.AreaHour(Area.district(r.regionId()), r.periodEnd()));
                stationHours.computeIfAbsent(new StationInDistrict(r.stationId(), r.regionId()), k -> new HashSet<>()).add(r.periodEnd());
            }
        }
        if (districtHours.isEmpty()) {
            return;
        }
        lock(districtHours);

        Map<String, Area> townships = stations.townshipsOf(stationHours.keySet().stream().map(StationInDistrict::stationId).toList());
        Set<ReadingStore.AreaHour> areaHours = new TreeSet<>(AREA_HOUR_ORDER);
        areaHours.addAll(districtHours);
        stationHours.forEach((station, hours) -> {
            Area township = townships.get(station.stationId());
            // a station's township counts where the registry puts it in the district its readings name
            if (township != null && township.district().equals(station.district())) {
                hours.forEach(h -> areaHours.add(new ReadingStore.AreaHour(township, h)));
            }
        });

        Map<ReadingStore.AreaHour, ReadingStore.AreaHourMeans> figures = readings.hourFigures(areaHours);
        List<RegionAqiEvent> events = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (ReadingStore.AreaHour areaHour : areaHours) {
            ReadingStore.AreaHourMeans f = figures.get(areaHour);
            Area area = areaHour.area();
            RegionHourAqi regionAqi = RegionHourAqi.of(area.id(), areaHour.hour(), f.means());
            log.debug("{}", regionAqi.describe());
            Map<String, Integer> iaqi = new LinkedHashMap<>();
            regionAqi.result().subIndices().stream().filter(sub -> sub.value().isPresent())
                    .forEach(sub -> iaqi.put(sub.indicator().key(), sub.value().getAsInt()));
            events.add(new RegionAqiEvent(area.id(), areaHour.hour(), regionAqi.result().standard().code(), regionAqi.aqi(), iaqi,
                    regionAqi.result().primaryPollutants().stream().map(Indicator::key).toList(),
                    f.stations(), now, area.scope(), area.township()));
            gauges.show(area, areaHour.hour(), regionAqi.aqi(), iaqi);
            if (area.township() == null && rule.enabled() && regionAqi.aqi() > rule.aboveAqi()) {
                consultation.onObservedPollution(area.district(), rule.level(),
                        "observed: real-time AQI above " + rule.aboveAqi() + "; " + regionAqi.describe());
            }
        }
        outbox.appendAll(Topics.REGION_AQI, events, RegionAqiEvent::regionId);
    }

    private record StationInDistrict(String stationId, String district) {
    }

    /** The district hours' locks, all in one statement and in one order (by the lock's key). */
    private void lock(Set<ReadingStore.AreaHour> districtHours) {
        String[] keys = districtHours.stream().map(a -> a.area().district() + "/" + a.hour()).toArray(String[]::new);
        jdbc.sql("""
                        select pg_advisory_xact_lock(hashtext('region-aqi'), k)
                        from (select distinct hashtext(key) as k from unnest(?::text[]) as key order by 1) as keys""")
                .param(keys).query((rs, n) -> 1).list();
    }
}
