package io.lantian.ingest.station;

import io.lantian.common.topics.Topics;
import io.lantian.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stations readings may come from. The database is the source of truth (shared by the replicas); each
 * replica reads from an in-memory copy, replaced as a whole on every change made here and every
 * {@code lantian.ingest.station-refresh} (to see changes made through another replica). A change is also
 * published to the compacted {@code aq.stations.v1}, without credentials.
 */
@Component
public class StationRegistry {

    private static final Logger log = LoggerFactory.getLogger(StationRegistry.class);

    private record Snapshot(Map<String, Station> byId, Map<String, Station> byMn) {
    }

    private final StationStore store;
    private final EventPublisher publisher;
    private volatile Snapshot snapshot;

    StationRegistry(StationStore store, EventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
        refresh();
    }

    public Optional<Station> find(String stationId) {
        return Optional.ofNullable(stationId).map(snapshot.byId()::get);
    }

    /** The station whose data logger sends this HJ 212 MN. */
    public Optional<Station> findByMn(String mn) {
        return Optional.ofNullable(mn).map(snapshot.byMn()::get);
    }

    public Collection<Station> all() {
        return snapshot.byId().values();
    }

    /**
     * Adds or replaces stations and publishes them. An MN already used by another station is refused.
     *
     * @return the broker's acknowledgements of the published stations
     */
    public CompletableFuture<Void> save(List<Station> stations) {
        try {
            store.upsertAll(stations);
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("an HJ 212 MN is already used by another station", e);
        }
        refresh();
        return publish(stations);
    }

    public CompletableFuture<Void> publish(Collection<Station> stations) {
        return CompletableFuture.allOf(stations.stream()
                .map(s -> publisher.publish(Topics.STATIONS, s.stationId(), s.toEvent()))
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Re-reads the registry. (Not a proxied bean: the transaction lives in the store, so scheduled calls reach
     * this instance and its fields.)
     */
    public void refresh() {
        List<Station> all = store.all();
        snapshot = new Snapshot(
                all.stream().collect(Collectors.toUnmodifiableMap(Station::stationId, Function.identity())),
                all.stream().filter(s -> s.hj212Mn() != null)
                        .collect(Collectors.toUnmodifiableMap(Station::hj212Mn, Function.identity())));
        log.debug("Station registry holds {} stations", all.size());
    }
}
