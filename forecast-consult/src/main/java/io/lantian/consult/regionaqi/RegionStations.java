package io.lantian.consult.regionaqi;

import io.lantian.common.events.StationRegistered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

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

    /** The townships of these stations where the registry gave them one (each with its district), by station. */
    Map<String, Area> townshipsOf(Collection<String> stationIds) {
        Map<String, Area> townships = new HashMap<>();
        if (stationIds.isEmpty()) {
            return townships;
        }
        jdbc.sql("select station_id, region_id, township from region_station where station_id = any(?::text[]) and township is not null")
                .param(stationIds.toArray(String[]::new))
                .query((rs, n) -> townships.put(rs.getString("station_id"), Area.township(rs.getString("region_id"), rs.getString("township"))))
                .list();
        return townships;
    }
}
