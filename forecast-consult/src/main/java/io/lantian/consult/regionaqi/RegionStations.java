package io.lantian.consult.regionaqi;

import io.lantian.common.events.StationRegistered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * Each station's district and township as the compacted {@code aq.stations.v1} last said: readings carry the
 * district only, so the township roll-up joins them with this table (the station's current township).
 */
@Repository
class RegionStations {

    private final JdbcClient jdbc;

    RegionStations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void register(StationRegistered station) {
        String township = station.township() == null || station.township().isBlank() ? null : station.township().strip();
        jdbc.sql("""
                        insert into region_station (station_id, region_id, township) values (?, ?, ?)
                        on conflict (station_id) do update set region_id = excluded.region_id,
                          township = excluded.township, updated_at = now()""")
                .params(station.stationId(), station.regionId(), township)
                .update();
    }

    /** A tombstone on the compacted topic: the station is gone from the registry. */
    void forget(String stationId) {
        jdbc.sql("delete from region_station where station_id = ?").param(stationId).update();
    }

    /** The station's township, when the registry gave it one and it lies in {@code district}. */
    Optional<String> townshipOf(String stationId, String district) {
        return jdbc.sql("select township from region_station where station_id = ? and region_id = ? and township is not null")
                .params(stationId, district).query(String.class).optional();
    }
}
