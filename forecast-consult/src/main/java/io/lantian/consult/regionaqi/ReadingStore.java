package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.Pollutant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Station readings kept by natural key; a re-delivered reading overwrites itself. */
@Repository
class ReadingStore {

    private final JdbcClient jdbc;

    ReadingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Stored { NEW, DUPLICATE, CORRECTION }

    /**
     * Keeps a reading by its natural key: new, a duplicate (same value; nothing changes), or a correction
     * (another value; it replaces the earlier one and is counted on the row).
     */
    Stored upsert(ReadingAccepted r) {
        Integer corrections = jdbc.sql("""
                        insert into station_reading (station_id, region_id, pollutant, period_end, averaging, value, reading_id, received_at)
                        values (:station, :region, :pollutant, :periodEnd, :averaging, :value, :readingId, :receivedAt)
                        on conflict (station_id, pollutant, period_end, averaging)
                        do update set value = excluded.value, region_id = excluded.region_id, received_at = excluded.received_at,
                          corrections = station_reading.corrections + 1, corrected_at = excluded.received_at
                        where station_reading.value is distinct from excluded.value
                        returning corrections""")
                .param("station", r.stationId())
                .param("region", r.regionId())
                .param("pollutant", r.pollutant().name())
                .param("periodEnd", Timestamp.from(r.periodEnd()))
                .param("averaging", r.averaging().toString())
                .param("value", r.value())
                .param("readingId", r.readingId())
                .param("receivedAt", Timestamp.from(r.receivedAt()))
                .query(Integer.class).optional().orElse(null);
        if (corrections == null) {
            return Stored.DUPLICATE; // the conflict's where-clause left the row as it was
        }
        return corrections == 0 ? Stored.NEW : Stored.CORRECTION;
    }

    /**
     * The rows of an area: a district's by the readings' region id; a township's by the readings' region id and the
     * station's current township (bind {@code :district} and {@code :township}).
     */
    static String rowsOf(Area area) {
        return area.township() == null
                ? " from station_reading r where r.region_id = :district"
                : " from station_reading r join region_station s on s.station_id = r.station_id and s.township = :township"
                + " where r.region_id = :district";
    }

    /** How many stations have an hourly value in the area for the hour ending at {@code periodEnd}. */
    int stationsIn(Area area, Instant periodEnd) {
        return jdbc.sql("select count(distinct r.station_id)" + rowsOf(area) + " and r.period_end = :periodEnd and r.averaging = 'PT1H'")
                .param("district", area.district()).param("township", area.township())
                .param("periodEnd", Timestamp.from(periodEnd)).query(Integer.class).single();
    }

    /** Mean hourly concentration per pollutant over the area's stations for the hour ending at {@code periodEnd}. */
    Map<Pollutant, Double> hourlyMeans(Area area, Instant periodEnd) {
        Map<Pollutant, Double> means = new EnumMap<>(Pollutant.class);
        jdbc.sql("select r.pollutant, avg(r.value) as mean" + rowsOf(area)
                        + " and r.period_end = :periodEnd and r.averaging = 'PT1H' group by r.pollutant")
                .param("district", area.district()).param("township", area.township())
                .param("periodEnd", Timestamp.from(periodEnd))
                .query((rs, n) -> means.put(Pollutant.valueOf(rs.getString("pollutant")), rs.getDouble("mean")))
                .list();
        return means;
    }
}
