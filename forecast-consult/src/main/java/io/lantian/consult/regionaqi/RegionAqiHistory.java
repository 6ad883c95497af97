package io.lantian.consult.regionaqi;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Past real-time region AQI, hour by hour, from the stored hourly station values. */
@Service
public class RegionAqiHistory {

    private final JdbcClient jdbc;
    private final ReadingStore readings;

    RegionAqiHistory(JdbcClient jdbc, ReadingStore readings) {
        this.jdbc = jdbc;
        this.readings = readings;
    }

    /** Regions with hourly values since {@code since}. */
    @Transactional(readOnly = true)
    public List<String> activeRegions(Instant since) {
        return jdbc.sql("select distinct region_id from station_reading where averaging = 'PT1H' and period_end >= ? order by 1")
                .param(Timestamp.from(since)).query(String.class).list();
    }

    /** The district's AQI for each hour ending in [from, to] that has values, oldest first. */
    @Transactional(readOnly = true)
    public List<RegionHourAqi> hourly(String regionId, Instant from, Instant to) {
        return hourly(Area.district(regionId), from, to);
    }

    /** The area's AQI for each hour ending in [from, to] that has values, oldest first. */
    @Transactional(readOnly = true)
    public List<RegionHourAqi> hourly(Area area, Instant from, Instant to) {
        return jdbc.sql("select distinct r.period_end" + ReadingStore.rowsOf(area)
                        + " and r.averaging = 'PT1H' and r.period_end between :from and :to order by r.period_end")
                .param("district", area.district()).param("township", area.township())
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list().stream()
                .map(hour -> RegionHourAqi.of(area.id(), hour, readings.hourlyMeans(area, hour)))
                .toList();
    }
}
