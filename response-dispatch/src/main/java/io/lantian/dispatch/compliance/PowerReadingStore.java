package io.lantian.dispatch.compliance;

import io.lantian.common.events.PowerReading;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Power readings: stored by enterprise, line and period end (a later reading for the same key replaces it), and summed. */
@Component
class PowerReadingStore {

    private final JdbcClient jdbc;

    PowerReadingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The lines of an enterprise on the list in force; empty when it is not listed. */
    Optional<Set<String>> linesOf(String enterpriseId) {
        boolean listed = jdbc.sql("""
                        select count(*) from enterprise
                        where enterprise_id = ? and list_year > 0 and list_year = (select max(year) from reduction_list)""")
                .param(enterpriseId).query(Integer.class).single() > 0;
        if (!listed) {
            return Optional.empty();
        }
        List<String> lines = jdbc.sql("select line_id from production_line where enterprise_id = ?")
                .param(enterpriseId).query(String.class).list();
        return Optional.of(new HashSet<>(lines));
    }

    /** @return true when the reading replaced an earlier one for the same enterprise, line and period end */
    boolean save(PowerReading reading) {
        Instant start = reading.periodEnd().minus(reading.period());
        return !jdbc.sql("""
                        insert into power_reading (enterprise_id, line_key, period_end, period_start, period_seconds,
                          energy_kwh, source, received_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (enterprise_id, line_key, period_end) do update set period_start = excluded.period_start,
                          period_seconds = excluded.period_seconds, energy_kwh = excluded.energy_kwh,
                          source = excluded.source, received_at = excluded.received_at
                        returning (xmax = 0) as inserted""")
                .params(reading.enterpriseId(), reading.lineId() == null ? LineMeasure.MAIN_METER : reading.lineId(),
                        Timestamp.from(reading.periodEnd()), Timestamp.from(start), (int) reading.period().toSeconds(),
                        reading.energyKwh(), reading.source(), Timestamp.from(reading.receivedAt()))
                .query(Boolean.class).single();
    }

    /** Readings whose whole period lies in [from, to]. */
    MeteredPower observed(String enterpriseId, String lineKey, Instant from, Instant to) {
        return jdbc.sql("""
                        select coalesce(sum(energy_kwh), 0) as energy_kwh, coalesce(sum(period_seconds), 0) / 3600.0 as hours,
                          count(*) as readings
                        from power_reading
                        where enterprise_id = ? and line_key = ? and period_start >= ? and period_end <= ?""")
                .params(enterpriseId, lineKey, Timestamp.from(from), Timestamp.from(to))
                .query(MeteredPower.class).single();
    }

    /**
     * Readings whose whole period lies in [from, to] and overlaps no time in which the enterprise had an order in
     * force (from the order's creation to its completion or cancellation): power during a warning is no baseline.
     */
    MeteredPower baseline(String enterpriseId, String lineKey, Instant from, Instant to) {
        return jdbc.sql("""
                        with in_force as (
                          select o.created_at as from_at,
                            coalesce((select min(h.occurred_at) from order_history h
                                      where h.order_id = o.order_id and h.status in ('COMPLETED', 'CANCELLED')),
                                     'infinity'::timestamptz) as to_at
                          from curtailment_order o where o.enterprise_id = :enterprise and o.created_at < :to)
                        select coalesce(sum(r.energy_kwh), 0) as energy_kwh, coalesce(sum(r.period_seconds), 0) / 3600.0 as hours,
                          count(*) as readings
                        from power_reading r
                        where r.enterprise_id = :enterprise and r.line_key = :line and r.period_start >= :from and r.period_end <= :to
                          and not exists (select 1 from in_force f where r.period_end > f.from_at and r.period_start < f.to_at)""")
                .param("enterprise", enterpriseId).param("line", lineKey)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(MeteredPower.class).single();
    }
}
