package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Stores readings and queues the district hours they changed for the {@link RegionAqiWorker}, which recomputes
 * and publishes their AQI (and their townships'). Idempotent: a repeated reading changes nothing and queues nothing.
 *
 * <p>Works on a batch (one poll of the topic) in one transaction, set-wise: one statement stores the readings (a
 * reading's repeats in the poll are taken in the poll's order, see {@link ReadingStore#upsertAll}), one looks up the
 * stations' townships and one queues a row per district hour changed. Nothing here takes a lock, so the consumer
 * threads of the partitions never wait on each other; the readings and their queue rows commit together, so a
 * recomputation is never lost.
 */
@Service
class ReadingProcessor {

    private static final Duration HOUR = Duration.ofHours(1);

    private final ReadingStore readings;
    private final RegionStations stations;
    private final RegionAqiQueue queue;
    private final MeterRegistry meters;
    private final TransactionTemplate tx;

    ReadingProcessor(TransactionTemplate tx, ReadingStore readings, RegionStations stations, RegionAqiQueue queue,
                     MeterRegistry meters) {
        this.tx = tx;
        this.readings = readings;
        this.stations = stations;
        this.queue = queue;
        this.meters = meters;
    }

    /** One batch (a poll of the topic), in one transaction (see the class comment). */
    public void processAll(List<ReadingAccepted> batch) {
        batch.forEach(r -> Objects.requireNonNull(r, "a reading record without a value"));
        tx.executeWithoutResult(status -> process(batch));
    }

    private void process(List<ReadingAccepted> batch) {
        List<ReadingStore.Stored> stored = readings.upsertAll(batch);
        Map<ReadingStore.Stored, Integer> counts = new EnumMap<>(ReadingStore.Stored.class);
        stored.forEach(s -> counts.merge(s, 1, Integer::sum));
        counts.forEach((s, n) -> meters.counter("lantian_consult_readings", "stored", s.name().toLowerCase(Locale.ROOT)).increment(n));

        // the real-time AQI is made of hourly values; shorter ones are kept for the rolling means. A duplicate changes
        // nothing downstream.
        Map<DistrictHour, Set<String>> stationsByHour = new LinkedHashMap<>();
        Set<String> changedStations = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            ReadingAccepted r = batch.get(i);
            if (stored.get(i) != ReadingStore.Stored.DUPLICATE && r.averaging().equals(HOUR)) {
                stationsByHour.computeIfAbsent(new DistrictHour(r.regionId(), r.periodEnd()), k -> new HashSet<>()).add(r.stationId());
                changedStations.add(r.stationId());
            }
        }
        if (stationsByHour.isEmpty()) {
            return;
        }
        Map<String, Area> townships = stations.townshipsOf(changedStations);
        queue.enqueue(stationsByHour.entrySet().stream().map(e -> {
            Set<String> touched = new HashSet<>();
            for (String station : e.getValue()) {
                Area township = townships.get(station);
                // a station's township counts where the registry puts it in the district its readings name
                if (township != null && township.district().equals(e.getKey().district())) {
                    touched.add(township.township());
                }
            }
            return new RegionAqiQueue.Due(e.getKey().district(), e.getKey().hourEnd(), touched);
        }).toList());
    }

    private record DistrictHour(String district, Instant hourEnd) {
    }
}
