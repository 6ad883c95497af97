package io.lantian.consult.alert;

import io.lantian.common.pollutant.Pollutant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The queue of region-median judgements due ({@code alert_region_due}): appended to by the reading consumer in
 * the transaction that stores the values, claimed and deleted by {@link RegionMedianWorker}.
 */
@Repository
class RegionDueStore {

    /** A region-hour whose values changed: which stations' values came, and whether one replaced an earlier value. */
    record Due(String regionId, Pollutant pollutant, Instant hourEnd, Set<String> stations, boolean corrected) {

        Due {
            stations = Set.copyOf(stations);
        }
    }

    /** A row claimed by this transaction. */
    record Claimed(long id, Due due) {
    }

    private final JdbcClient jdbc;

    RegionDueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** All in one statement, in the caller's transaction. */
    void enqueue(Collection<Due> due) {
        if (due.isEmpty()) {
            return;
        }
        List<Due> list = List.copyOf(due);
        // station ids are [A-Za-z0-9._-], so a comma separates them
        jdbc.sql("""
                        insert into alert_region_due (region_id, pollutant, hour_end, stations, corrected)
                        select region, pollutant, hour_end::timestamptz, string_to_array(stations, ','), corrected
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[]) as t(region, pollutant, hour_end, stations, corrected)""")
                .params(list.stream().map(Due::regionId).toArray(String[]::new),
                        list.stream().map(d -> d.pollutant().name()).toArray(String[]::new),
                        list.stream().map(d -> d.hourEnd().toString()).toArray(String[]::new),
                        list.stream().map(d -> String.join(",", d.stations())).toArray(String[]::new),
                        list.stream().map(Due::corrected).toArray(Boolean[]::new))
                .update();
    }

    /**
     * Every row of up to {@code limit} region-hours whose oldest row has waited at least {@code delay} (oldest
     * first), locked until the caller's transaction ends; rows another transaction holds are skipped, so replicas
     * and threads never claim the same row.
     */
    List<Claimed> claim(Duration delay, int limit) {
        return jdbc.sql("""
                        select id, region_id, pollutant, hour_end, stations, corrected from alert_region_due
                        where (region_id, pollutant, hour_end) in (
                          select region_id, pollutant, hour_end from alert_region_due
                          group by region_id, pollutant, hour_end
                          having min(enqueued_at) <= now() - make_interval(secs => ?)
                          order by min(id) limit ?)
                        for update skip locked""")
                .params(delay.toMillis() / 1000.0, limit)
                .query((rs, n) -> new Claimed(rs.getLong("id"), new Due(rs.getString("region_id"),
                        Pollutant.valueOf(rs.getString("pollutant")), rs.getTimestamp("hour_end").toInstant(),
                        Set.of((String[]) rs.getArray("stations").getArray()), rs.getBoolean("corrected"))))
                .list();
    }

    void delete(Collection<Claimed> claimed) {
        if (!claimed.isEmpty()) {
            jdbc.sql("delete from alert_region_due where id = any(?::bigint[])")
                    .param(claimed.stream().mapToLong(Claimed::id).boxed().toArray(Long[]::new)).update();
        }
    }

    /** Seconds since the oldest row not judged yet was queued; 0 when none waits. */
    double oldestAgeSeconds() {
        return jdbc.sql("""
                        select coalesce(extract(epoch from now() - min(enqueued_at)), 0) from alert_region_due""")
                .query(Double.class).single();
    }

    /** Rows not judged yet, for the tests and the benchmark's drain. */
    int pending() {
        return jdbc.sql("select count(*) from alert_region_due").query(Integer.class).single();
    }
}
