package io.lantian.consult.alert;

import io.lantian.common.events.StationRegistered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each station's class and region, as the compacted {@code aq.stations.v1} last said. */
@Repository
class StationClasses {

    private final JdbcClient jdbc;

    StationClasses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void register(StationRegistered station) {
        jdbc.sql("""
                        insert into alert_station (station_id, region_id, station_class) values (?, ?, ?)
                        on conflict (station_id) do update set region_id = excluded.region_id,
                          station_class = excluded.station_class, updated_at = now()""")
                .params(station.stationId(), station.regionId(), station.stationClass().name())
                .update();
    }

    /** A tombstone on the compacted topic: the station is gone from the registry. */
    void forget(String stationId) {
        jdbc.sql("delete from alert_station where station_id = ?").param(stationId).update();
    }
}
