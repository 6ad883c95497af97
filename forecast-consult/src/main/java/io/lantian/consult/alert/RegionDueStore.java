package io.lantian.consult.alert;

import io.lantian.common.pollutant.Pollutant;
import io.lantian.consult.DueQueue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The queue of region-median judgements due ({@code alert_region_due}, a {@link DueQueue} keyed by region-hour):
 * appended to by the reading consumer in the transaction that stores the values, claimed and deleted by
 * {@link RegionMedianWorker}.
 */
@Repository
class RegionDueStore {

    /** A region-hour whose values changed: which stations' values came, and whether one replaced an earlier value. */
    record Due(String regionId, Pollutant pollutant, Instant hourEnd, Set<String> stations, boolean corrected) {

        Due {
            stations = Set.copyOf(stations);
        }
    }

    private final JdbcClient jdbc;
    private final DueQueue<Due> queue;

    RegionDueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.queue = new DueQueue<>(jdbc, "alert_region_due", "region_id, pollutant, hour_end", (rs, n) -> new Due(
                rs.getString("region_id"), Pollutant.valueOf(rs.getString("pollutant")), rs.getTimestamp("hour_end").toInstant(),
                Set.of((String[]) rs.getArray("stations").getArray()), rs.getBoolean("corrected")));
    }

    /** The rows queued, claimed by region-hour once its delay is over. */
    DueQueue<Due> queue() {
        return queue;
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
}
