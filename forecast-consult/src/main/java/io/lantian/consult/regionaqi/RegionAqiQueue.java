package io.lantian.consult.regionaqi;

import io.lantian.common.json.EventJson;
import io.lantian.consult.DueQueue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The queue of region AQI recomputations due ({@code region_aqi_due}, a {@link DueQueue} keyed by district hour):
 * appended to by the {@link ReadingProcessor} in the transaction that stores the readings, claimed and deleted by
 * the {@link RegionAqiWorker}.
 */
@Repository
class RegionAqiQueue {

    /** A district hour whose readings changed, and the townships of the stations that changed it. */
    record Due(String district, Instant hourEnd, Set<String> townships) {

        Due {
            townships = Set.copyOf(townships);
        }
    }

    private final JdbcClient jdbc;
    private final DueQueue<Due> queue;

    RegionAqiQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.queue = new DueQueue<>(jdbc, "region_aqi_due", "district, hour_end", (rs, n) -> new Due(rs.getString("district"),
                rs.getTimestamp("hour_end").toInstant(), Set.of((String[]) rs.getArray("townships").getArray())));
    }

    /** The rows queued, claimed by district hour once its delay is over. */
    DueQueue<Due> queue() {
        return queue;
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
}
