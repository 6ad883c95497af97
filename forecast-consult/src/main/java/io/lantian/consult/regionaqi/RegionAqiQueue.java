package io.lantian.consult.regionaqi;

import io.lantian.common.json.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The queue of region AQI recomputations due ({@code region_aqi_due}): appended to by the {@link ReadingProcessor}
 * in the transaction that stores the readings, claimed and deleted by the {@link RegionAqiWorker}.
 */
@Repository
class RegionAqiQueue {

    /** A district hour whose readings changed, and the townships of the stations that changed it. */
    record Due(String district, Instant hourEnd, Set<String> townships) {

        Due {
            townships = Set.copyOf(townships);
        }
    }

    /** A row claimed by this transaction. */
    record Claimed(long id, Due due) {
    }

    private final JdbcClient jdbc;

    RegionAqiQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** All in one statement, in the caller's transaction. */
    void enqueue(Collection<Due> due) {
        if (due.isEmpty()) {
            return;
        }
        List<Due> list = List.copyOf(due);
        // township names are free text: passed as a JSON array each, not joined with a separator
        jdbc.sql("""
                        insert into region_aqi_due (district, hour_end, townships)
                        select district, hour_end::timestamptz, array(select jsonb_array_elements_text(townships::jsonb))
                        from unnest(?::text[], ?::text[], ?::text[]) as t(district, hour_end, townships)""")
                .params(list.stream().map(Due::district).toArray(String[]::new),
                        list.stream().map(d -> d.hourEnd().toString()).toArray(String[]::new),
                        list.stream().map(d -> EventJson.mapper().writeValueAsString(d.townships())).toArray(String[]::new))
                .update();
    }

    /**
     * Every row of up to {@code limit} district hours whose oldest row has waited at least {@code delay} (oldest
     * first), locked until the caller's transaction ends; rows another transaction holds are skipped, so replicas
     * never claim the same row.
     */
    List<Claimed> claim(Duration delay, int limit) {
        return jdbc.sql("""
                        select id, district, hour_end, townships from region_aqi_due
                        where (district, hour_end) in (
                          select district, hour_end from region_aqi_due
                          group by district, hour_end
                          having min(enqueued_at) <= now() - make_interval(secs => ?)
                          order by min(id) limit ?)
                        for update skip locked""")
                .params(delay.toMillis() / 1000.0, limit)
                .query((rs, n) -> new Claimed(rs.getLong("id"), new Due(rs.getString("district"),
                        rs.getTimestamp("hour_end").toInstant(), Set.of((String[]) rs.getArray("townships").getArray()))))
                .list();
    }

    void delete(Collection<Claimed> claimed) {
        if (!claimed.isEmpty()) {
            jdbc.sql("delete from region_aqi_due where id = any(?::bigint[])")
                    .param(claimed.stream().mapToLong(Claimed::id).boxed().toArray(Long[]::new)).update();
        }
    }

    /** Seconds since the oldest row not recomputed yet was queued; 0 when none waits. */
    double oldestAgeSeconds() {
        return jdbc.sql("""
                        select coalesce(extract(epoch from now() - min(enqueued_at)), 0) from region_aqi_due""")
                .query(Double.class).single();
    }

    /** Rows not recomputed yet, for the tests and the benchmark's drain. */
    int pending() {
        return jdbc.sql("select count(*) from region_aqi_due").query(Integer.class).single();
    }
}
