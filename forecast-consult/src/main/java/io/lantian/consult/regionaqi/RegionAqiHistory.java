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

    /** The region's AQI for each hour ending in [from, to] that has values, oldest first. */
    @Transactional(readOnly = true)
    public List<RegionHourAqi> hourly(String regionId, Instant from, Instant to) {
        return jdbc.sql("""
                        select distinct period_end from station_reading
                        where region_id = ? and averaging = 'PT1H' and period_end between ? and ? order by period_end""")
                .params(regionId, Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list().stream()
                .map(hour -> RegionHourAqi.of(regionId, hour, readings.hourlyMeans(regionId, hour)))
                .toList();
    }
}
