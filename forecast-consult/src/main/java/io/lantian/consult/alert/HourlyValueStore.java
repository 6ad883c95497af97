package io.lantian.consult.alert;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.Pollutant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * {@link #upsert} of many readings in one statement per occurrence of a key in the list (usually one); two
     * readings of one key are taken in list order, as if one by one.
     *
     * @return what happened to each reading, in list order
     */
    List<Stored> upsertAll(List<ReadingAccepted> readings) {
        List<List<Integer>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < readings.size(); i++) {
            ReadingAccepted r = readings.get(i);
            int round = seen.merge(key(r.stationId(), r.pollutant().name(), r.periodEnd()), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        List<Stored> stored = new ArrayList<>(Collections.nCopies(readings.size(), Stored.DUPLICATE));
        for (List<Integer> round : rounds) {
            Map<String, Integer> byKey = new HashMap<>();
            int n = round.size();
            String[] station = new String[n], pollutant = new String[n], hour = new String[n], region = new String[n];
            double[] value = new double[n];
            for (int j = 0; j < n; j++) {
                ReadingAccepted r = readings.get(round.get(j));
                station[j] = r.stationId();
                pollutant[j] = r.pollutant().name();
                hour[j] = r.periodEnd().toString();
                region[j] = r.regionId();
                value[j] = r.value();
                byKey.put(key(r.stationId(), r.pollutant().name(), r.periodEnd()), round.get(j));
            }
            jdbc.sql("""
                            insert into alert_hourly_value (station_id, pollutant, hour_end, region_id, value)
                            select station, pollutant, hour_end::timestamptz, region, value
                            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[]) as t(station, pollutant, hour_end, region, value)
                            on conflict (station_id, pollutant, hour_end)
                            do update set value = excluded.value, region_id = excluded.region_id, received_at = now()
                            where alert_hourly_value.value is distinct from excluded.value
                               or alert_hourly_value.region_id is distinct from excluded.region_id
                            returning station_id, pollutant, hour_end, (xmax = 0) as inserted""")
                    .params(station, pollutant, hour, region, value)
                    .query((rs, row) -> {
                        // rows the conflict's where-clause left alone are not returned: duplicates
                        int index = byKey.get(key(rs.getString("station_id"), rs.getString("pollutant"),
                                rs.getTimestamp("hour_end").toInstant()));
                        stored.set(index, rs.getBoolean("inserted") ? Stored.NEW : Stored.CORRECTION);
                        return index;
                    })
                    .list();
        }
        return stored;
    }

    private static String key(String station, String pollutant, Instant hourEnd) {
        return station + '\n' + pollutant + '\n' + hourEnd;
    }

    /**
     * One region's values of one pollutant over the hours ending in [from, to], and some of its stations' values
     * back to {@code ownFrom} as well (the stations whose own rules look further back than the region's median).
     */
    record Span(String regionId, Pollutant pollutant, Instant from, Instant to, Set<String> ownStations, Instant ownFrom) {

        Span {
            ownStations = Set.copyOf(ownStations);
            ownFrom = ownFrom.isAfter(from) ? from : ownFrom;
        }
    }

    /** The values of many spans in one query (index ranges per span), by span. */
    Map<Span, RegionValues> regions(Collection<Span> spans) {
        // lateral with offset 0 (never flattened into a join): index ranges per span, whatever the planner guesses —
        // the region's hours by (region, pollutant, hour), the own stations' earlier hours by the primary key
        return read(spans, """
                select v.station_id, v.hour_end, v.value from alert_hourly_value v
                where v.region_id = k.region and v.pollutant = k.pollutant
                and v.hour_end between k.from_hour::timestamptz and k.to_hour::timestamptz
                union all
                select v.station_id, v.hour_end, v.value from alert_hourly_value v
                where v.station_id = any(string_to_array(k.own_stations, ',')) and v.pollutant = k.pollutant
                and v.hour_end >= k.own_from::timestamptz and v.hour_end < k.from_hour::timestamptz
                and v.region_id = k.region
                offset 0""");
    }

    /**
     * Only the spans' own stations' values, from {@code ownFrom} to {@code to} (by the primary key): what the
     * station-local rules read, without the rest of the region.
     */
    Map<Span, RegionValues> ownStations(Collection<Span> spans) {
        return read(spans, """
                select v.station_id, v.hour_end, v.value from alert_hourly_value v
                where v.station_id = any(string_to_array(k.own_stations, ',')) and v.pollutant = k.pollutant
                and v.hour_end between k.own_from::timestamptz and k.to_hour::timestamptz
                and v.region_id = k.region
                offset 0""");
    }

    /** @param perSpan the rows of one span {@code k}, selected laterally */
    private Map<Span, RegionValues> read(Collection<Span> spans, String perSpan) {
        List<Span> list = List.copyOf(spans);
        Map<Span, List<RegionValues.StationHour>> values = new HashMap<>();
        Map<Span, Map<String, StationClass>> classes = new HashMap<>();
        list.forEach(span -> {
            values.put(span, new ArrayList<>());
            classes.put(span, new HashMap<>());
        });
        // station ids are [A-Za-z0-9._-], so a comma separates them
        jdbc.sql("""
                        select k.i, v.station_id, v.hour_end, v.value, s.station_class
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                          with ordinality as k(region, pollutant, from_hour, to_hour, own_stations, own_from, i)
                        cross join lateral (""" + perSpan + """
                        ) v
                        left join alert_station s on s.station_id = v.station_id""")
                .params(list.stream().map(Span::regionId).toArray(String[]::new),
                        list.stream().map(span -> span.pollutant().name()).toArray(String[]::new),
                        list.stream().map(span -> span.from().toString()).toArray(String[]::new),
                        list.stream().map(span -> span.to().toString()).toArray(String[]::new),
                        list.stream().map(span -> String.join(",", span.ownStations())).toArray(String[]::new),
                        list.stream().map(span -> span.ownFrom().toString()).toArray(String[]::new))
                .query((rs, n) -> {
                    Span span = list.get(rs.getInt("i") - 1);
                    String stationClass = rs.getString("station_class");
                    if (stationClass != null) {
                        classes.get(span).put(rs.getString("station_id"), StationClass.valueOf(stationClass));
                    }
                    values.get(span).add(new RegionValues.StationHour(rs.getString("station_id"),
                            rs.getTimestamp("hour_end").toInstant(), rs.getDouble("value")));
                    return span;
                })
                .list();
        Map<Span, RegionValues> regions = new HashMap<>();
        list.forEach(span -> regions.put(span, RegionValues.of(span.pollutant(), values.get(span), classes.get(span))));
        return regions;
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
