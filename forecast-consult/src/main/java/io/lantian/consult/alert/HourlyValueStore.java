package io.lantian.consult.alert;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.Pollutant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The hourly values the alert rules read, kept by station + pollutant + hour end. */
@Repository
class HourlyValueStore {

    enum Stored { NEW, DUPLICATE, CORRECTION }

    private final JdbcClient jdbc;

    HourlyValueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Stored upsert(ReadingAccepted r) {
        Boolean inserted = jdbc.sql("""
                        insert into alert_hourly_value (station_id, pollutant, hour_end, region_id, value)
                        values (?, ?, ?, ?, ?)
                        on conflict (station_id, pollutant, hour_end)
                        do update set value = excluded.value, region_id = excluded.region_id, received_at = now()
                        where alert_hourly_value.value is distinct from excluded.value
                           or alert_hourly_value.region_id is distinct from excluded.region_id
                        returning (xmax = 0)""")
                .params(r.stationId(), r.pollutant().name(), Timestamp.from(r.periodEnd()), r.regionId(), r.value())
                .query(Boolean.class).optional().orElse(null);
        if (inserted == null) {
            return Stored.DUPLICATE; // same value again: the conflict's where-clause left the row alone
        }
        return inserted ? Stored.NEW : Stored.CORRECTION;
    }

    /** The region's values of one pollutant for the hours ending in [from, to], with the stations' classes. */
    RegionValues region(String regionId, Pollutant pollutant, Instant from, Instant to) {
        Map<String, StationClass> classes = new HashMap<>();
        List<RegionValues.StationHour> values = jdbc.sql("""
                        select v.station_id, v.hour_end, v.value, s.station_class
                        from alert_hourly_value v left join alert_station s on s.station_id = v.station_id
                        where v.region_id = ? and v.pollutant = ? and v.hour_end between ? and ?""")
                .params(regionId, pollutant.name(), Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> {
                    String stationClass = rs.getString("station_class");
                    if (stationClass != null) {
                        classes.put(rs.getString("station_id"), StationClass.valueOf(stationClass));
                    }
                    return new RegionValues.StationHour(rs.getString("station_id"), rs.getTimestamp("hour_end").toInstant(),
                            rs.getDouble("value"));
                })
                .list();
        return RegionValues.of(pollutant, values, classes);
    }
}
