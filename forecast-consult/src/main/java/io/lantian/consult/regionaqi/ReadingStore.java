package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.Pollutant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Station readings kept by natural key; a re-delivered reading overwrites itself. */
@Repository
class ReadingStore {

    private final JdbcClient jdbc;

    ReadingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Stored { NEW, DUPLICATE, CORRECTION }

    /** An area's figures for one hour: mean hourly concentration per pollutant, and how many stations gave values. */
    record AreaHourMeans(Map<Pollutant, Double> means, int stations) {
    }

    /** An area and the end of one of its hours. */
    record AreaHour(Area area, Instant hour) {
    }

    /**
     * Keeps readings by their natural key, set-wise (one statement per occurrence of a key in the list, usually one):
     * each is new, a duplicate (same value; nothing changes), or a correction (another value; it replaces the earlier
     * one and is counted on the row). Two readings of one key in the list are taken in list order, as if one by one.
     *
     * @return what happened to each reading, in list order
     */
    List<Stored> upsertAll(List<ReadingAccepted> readings) {
        List<List<Integer>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < readings.size(); i++) {
            int round = seen.merge(naturalKey(readings.get(i)), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        List<Stored> stored = new ArrayList<>(readings.size());
        readings.forEach(r -> stored.add(Stored.DUPLICATE));
        for (List<Integer> round : rounds) {
            Map<String, Integer> byKey = new HashMap<>();
            int n = round.size();
            String[] station = new String[n], region = new String[n], pollutant = new String[n], periodEnd = new String[n],
                    averaging = new String[n], readingId = new String[n], receivedAt = new String[n];
            double[] value = new double[n];
            for (int j = 0; j < n; j++) {
                ReadingAccepted r = readings.get(round.get(j));
                station[j] = r.stationId();
                region[j] = r.regionId();
                pollutant[j] = r.pollutant().name();
                periodEnd[j] = r.periodEnd().toString();
                averaging[j] = r.averaging().toString();
                value[j] = r.value();
                readingId[j] = r.readingId();
                receivedAt[j] = r.receivedAt().toString();
                byKey.put(naturalKey(r), round.get(j));
            }
            jdbc.sql("""
                            insert into station_reading (station_id, region_id, pollutant, period_end, averaging, value, reading_id, received_at)
                            select station, region, pollutant, period_end::timestamptz, averaging, value, reading_id, received_at::timestamptz
                            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::text[])
                              as t(station, region, pollutant, period_end, averaging, value, reading_id, received_at)
                            on conflict (station_id, pollutant, period_end, averaging)
                            do update set value = excluded.value, region_id = excluded.region_id, received_at = excluded.received_at,
                              corrections = station_reading.corrections + 1, corrected_at = excluded.received_at
                            where station_reading.value is distinct from excluded.value
                            returning station_id, pollutant, period_end, averaging, corrections""")
                    .params(station, region, pollutant, periodEnd, averaging, value, readingId, receivedAt)
                    .query((rs, row) -> {
                        String key = naturalKey(rs.getString("station_id"), rs.getString("pollutant"),
                                rs.getTimestamp("period_end").toInstant(), rs.getString("averaging"));
                        // rows the conflict's where-clause left as they were are not returned: duplicates
                        stored.set(byKey.get(key), rs.getInt("corrections") == 0 ? Stored.NEW : Stored.CORRECTION);
                        return key;
                    })
                    .list();
        }
        return stored;
    }

    /** The row's key: station, pollutant, period end, averaging. */
    static String naturalKey(ReadingAccepted r) {
        return naturalKey(r.stationId(), r.pollutant().name(), r.periodEnd(), r.averaging().toString());
    }

    private static String naturalKey(String station, String pollutant, Instant periodEnd, String averaging) {
        return station + '\n' + pollutant + '\n' + periodEnd + '\n' + averaging;
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

    /**
     * {@link #hourlyMeans} and the count of stations with values of many area-hours, in one query: each district
     * hour's readings are read once (one index lookup), and one grouping-sets pass gives the district's means per
     * pollutant and station count and those of each of its townships. Until 2026-11-29 the townships had a query of
     * their own that read the district hour's readings again for every township; it took five times the district
     * query's time, in bursts that held up the station-alert consumer (docs/benchmarks.md, detection Runs M).
     * Figures of townships not asked for are computed and dropped: a district hour has a handful.
     */
    Map<AreaHour, AreaHourMeans> hourFigures(Collection<AreaHour> areaHours) {
        Map<AreaHour, Map<Pollutant, Double>> means = new LinkedHashMap<>();
        Map<AreaHour, Integer> stations = new HashMap<>();
        areaHours.forEach(a -> means.put(a, new EnumMap<>(Pollutant.class)));
        List<AreaHour> districtHours = areaHours.stream()
                .map(a -> new AreaHour(Area.district(a.area().district()), a.hour())).distinct().toList();
        if (!districtHours.isEmpty()) {
            // lateral with offset 0 (never flattened into a join): one index lookup per key; the planner does not know
            // how few keys the arrays hold and would rather scan the table
            jdbc.sql("""
                            select k.district, s.township, k.hour, r.pollutant, grouping(s.township) as all_townships,
                              grouping(r.pollutant) as all_pollutants, avg(r.value) as mean, count(distinct r.station_id) as stations
                            from unnest(?::text[], ?::text[]) as k(district, hour)
                            cross join lateral (select r.station_id, r.pollutant, r.value from station_reading r
                              where r.region_id = k.district and r.period_end = k.hour::timestamptz and r.averaging = 'PT1H' offset 0) r
                            left join region_station s on s.station_id = r.station_id
                            group by grouping sets ((k.district, k.hour, r.pollutant), (k.district, k.hour),
                              (k.district, s.township, k.hour, r.pollutant), (k.district, s.township, k.hour))""")
                    .params(districtHours.stream().map(a -> a.area().district()).toArray(String[]::new),
                            districtHours.stream().map(a -> a.hour().toString()).toArray(String[]::new))
                    .query((rs, n) -> {
                        String district = rs.getString("district");
                        String township = rs.getString("township");
                        boolean wholeDistrict = rs.getInt("all_townships") == 1;
                        if (!wholeDistrict && township == null) {
                            return null; // the stations of no township: in the district's figures only
                        }
                        AreaHour key = new AreaHour(wholeDistrict ? Area.district(district) : Area.township(district, township),
                                Instant.parse(rs.getString("hour")));
                        if (!means.containsKey(key)) {
                            return null; // a township not asked for
                        }
                        if (rs.getInt("all_pollutants") == 1) {
                            stations.put(key, rs.getInt("stations"));
                        } else {
                            means.get(key).put(Pollutant.valueOf(rs.getString("pollutant")), rs.getDouble("mean"));
                        }
                        return key;
                    })
                    .list();
        }
        Map<AreaHour, AreaHourMeans> result = new LinkedHashMap<>();
        means.forEach((areaHour, m) -> result.put(areaHour, new AreaHourMeans(m, stations.getOrDefault(areaHour, 0))));
        return result;
    }
}
