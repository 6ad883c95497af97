package io.lantian.ingest.station;

import io.lantian.common.json.EventJson;
import io.lantian.ingest.IngestProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The stations readings may come from, loaded from {@code lantian.ingest.stations-file}. */
@Component
public class StationRegistry {

    private final Map<String, Station> stations;

    public StationRegistry(IngestProperties properties) {
        try (InputStream in = properties.stationsFile().getInputStream()) {
            List<Station> list = EventJson.mapper().readValue(in, new TypeReference<List<Station>>() { });
            this.stations = new ConcurrentHashMap<>(list.stream()
                    .collect(Collectors.toMap(Station::stationId, Function.identity())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stations from " + properties.stationsFile(), e);
        }
    }

    public Optional<Station> find(String stationId) {
        return Optional.ofNullable(stationId).map(stations::get);
    }

    /** The station whose data logger sends this HJ 212 MN. */
    public Optional<Station> findByMn(String mn) {
        if (mn == null) {
            return Optional.empty();
        }
        return stations.values().stream().filter(s -> mn.equals(s.hj212Mn())).findFirst();
    }

    public Collection<Station> all() {
        return List.copyOf(stations.values());
    }
}
