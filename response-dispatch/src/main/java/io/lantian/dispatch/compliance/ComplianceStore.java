package io.lantian.dispatch.compliance;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.dispatch.list.ListedEnterprise.Action;
import io.lantian.dispatch.order.OrderService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The orders to verify, their measures, and the verdicts and flags recorded for them. */
@Component
class ComplianceStore {

    /** Orders whose measures are obligations (voluntary and exempt enterprises are not verified). */
    static final List<String> VERIFIED_MODES = List.of("MANDATORY", "CAPPED");
    private static final List<String> OPEN = OrderService.OPEN.stream().map(Enum::name).toList();
    /** When the order's current revision was issued: its first PENDING history row. */
    private static final String ISSUED_AT = """
            coalesce((select min(h.occurred_at) from order_history h
                      where h.order_id = o.order_id and h.revision = o.revision and h.status = 'PENDING'), o.created_at)""";

    private final JdbcClient jdbc;

    ComplianceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An order in force, locked for its verification, with the enterprise facts the notices need. */
    record OrderUnderCheck(UUID orderId, int revision, String enterpriseId, String enterpriseName, String regionId,
                           String township, String level, String status, Instant issuedAt) {
    }

    /** Orders in force, of verified modes, whose current revision was issued at or before {@code issuedBy}. */
    List<UUID> due(String enterpriseId, Instant issuedBy) {
        return jdbc.sql("select o.order_id from curtailment_order o where o.status in (:open) and o.mode in (:modes)"
                        + " and (cast(:enterprise as text) is null or o.enterprise_id = :enterprise)"
                        + " and " + ISSUED_AT + " <= :issuedBy order by o.updated_at")
                .param("open", OPEN).param("modes", VERIFIED_MODES).param("enterprise", enterpriseId)
                .param("issuedBy", Timestamp.from(issuedBy))
                .query(UUID.class).list();
    }

    /**
     * Locks the order for its verification if it is still in force and of a verified mode. With
     * {@code skipLocked} an order another replica is verifying right now is left to it.
     */
    Optional<OrderUnderCheck> lock(UUID orderId, boolean skipLocked) {
        return jdbc.sql("select o.order_id, o.revision, o.enterprise_id, e.name as enterprise_name, o.region_id, e.township,"
                        + " o.level, o.status, " + ISSUED_AT + " as issued_at"
                        + " from curtailment_order o join enterprise e on e.enterprise_id = o.enterprise_id"
                        + " where o.order_id = :id and o.status in (:open) and o.mode in (:modes)"
                        + " for update of o" + (skipLocked ? " skip locked" : ""))
                .param("id", orderId).param("open", OPEN).param("modes", VERIFIED_MODES)
                .query((rs, row) -> new OrderUnderCheck(rs.getObject("order_id", UUID.class), rs.getInt("revision"),
                        rs.getString("enterprise_id"), rs.getString("enterprise_name"), rs.getString("region_id"),
                        rs.getString("township"), rs.getString("level"), rs.getString("status"),
                        rs.getTimestamp("issued_at").toInstant()))
                .optional();
    }

    /** The STOP and LIMIT measures of the level per line, the strictest where a line has several. */
    List<LineMeasure> measures(String enterpriseId, String level, Thresholds thresholds) {
        Map<String, LineMeasure> byLine = new LinkedHashMap<>();
        jdbc.sql("""
                        select line_id, action, limit_percent from enterprise_measure
                        where enterprise_id = ? and level = ? and action in ('STOP', 'LIMIT') order by position""")
                .params(enterpriseId, level)
                .query((rs, row) -> new LineMeasure(rs.getString("line_id"), Action.valueOf(rs.getString("action")),
                        (Integer) rs.getObject("limit_percent")))
                .list()
                .forEach(m -> byLine.merge(m.lineKey(), m, (a, b) -> a.stricter(b, thresholds)));
        return List.copyOf(byLine.values());
    }

    void saveEvaluation(UUID orderId, int revision, LineVerdict v, Instant windowFrom, Instant windowTo, Instant now) {
        jdbc.sql("""
                        insert into compliance_evaluation (order_id, revision, line_key, action, limit_percent, result, baseline_kw,
                          baseline_hours, observed_kw, readings_used, expected_max_kw, window_from, window_to, evaluated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (order_id, revision, line_key) do update set action = excluded.action,
                          limit_percent = excluded.limit_percent, result = excluded.result, baseline_kw = excluded.baseline_kw,
                          baseline_hours = excluded.baseline_hours, observed_kw = excluded.observed_kw,
                          readings_used = excluded.readings_used, expected_max_kw = excluded.expected_max_kw,
                          window_from = excluded.window_from, window_to = excluded.window_to, evaluated_at = excluded.evaluated_at""")
                .params(orderId, revision, v.measure().lineKey(), v.measure().action().name(), v.measure().limitPercent(),
                        v.result().name(), v.baselineKw(), v.baselineHours(), v.observedKw(), v.readingsUsed(),
                        v.expectedMaxKw(), Timestamp.from(windowFrom), Timestamp.from(windowTo), Timestamp.from(now))
                .update();
    }

    /** @return whether this is the first flag of the order revision and line (one flag each) */
    boolean flag(OrderUnderCheck order, LineVerdict v, Thresholds thresholds, Instant windowFrom, Instant windowTo, Instant now) {
        return jdbc.sql("""
                        insert into compliance_flag (order_id, revision, enterprise_id, line_key, action, limit_percent, baseline_kw,
                          baseline_hours, observed_kw, expected_max_kw, window_from, window_to, readings_used, stop_residual,
                          tolerance, flagged_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (order_id, revision, line_key) do nothing""")
                .params(order.orderId(), order.revision(), order.enterpriseId(), v.measure().lineKey(),
                        v.measure().action().name(), v.measure().limitPercent(), v.baselineKw(), v.baselineHours(),
                        v.observedKw(), v.expectedMaxKw(), Timestamp.from(windowFrom), Timestamp.from(windowTo),
                        v.readingsUsed(), thresholds.stopResidual(), thresholds.tolerance(), Timestamp.from(now))
                .update() == 1;
    }

    /** The current state of an order for the compliance view; empty when there is no such order. */
    @Transactional(readOnly = true)
    Optional<ComplianceView> view(UUID orderId) {
        Optional<Head> head = jdbc.sql("select o.order_id::text as order_id, o.revision, o.enterprise_id, o.mode, o.status, "
                        + ISSUED_AT + " as issued_at from curtailment_order o where o.order_id = ?")
                .param(orderId)
                .query((rs, row) -> new Head(rs.getString("order_id"), rs.getInt("revision"), rs.getString("enterprise_id"),
                        rs.getString("mode"), rs.getString("status"), rs.getTimestamp("issued_at").toInstant()))
                .optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Head h = head.get();
        List<ComplianceView.Evaluation> evaluations = jdbc.sql("""
                        select line_key, action, limit_percent, result, baseline_kw, baseline_hours, observed_kw, readings_used,
                          expected_max_kw, window_from, window_to, evaluated_at
                        from compliance_evaluation where order_id = ? and revision = ? order by line_key""")
                .params(orderId, h.revision())
                .query((rs, row) -> new ComplianceView.Evaluation(lineId(rs.getString("line_key")), rs.getString("action"),
                        (Integer) rs.getObject("limit_percent"), LineVerdict.Result.valueOf(rs.getString("result")),
                        (Double) rs.getObject("baseline_kw"), rs.getDouble("baseline_hours"), (Double) rs.getObject("observed_kw"),
                        rs.getInt("readings_used"), (Double) rs.getObject("expected_max_kw"),
                        rs.getTimestamp("window_from").toInstant(), rs.getTimestamp("window_to").toInstant(),
                        rs.getTimestamp("evaluated_at").toInstant()))
                .list();
        List<ComplianceView.Flag> flags = jdbc.sql("""
                        select revision, line_key, action, limit_percent, baseline_kw, baseline_hours, observed_kw, expected_max_kw,
                          window_from, window_to, readings_used, stop_residual, tolerance, flagged_at
                        from compliance_flag where order_id = ? order by flag_id""")
                .param(orderId)
                .query((rs, row) -> new ComplianceView.Flag(rs.getInt("revision"), lineId(rs.getString("line_key")),
                        rs.getString("action"), (Integer) rs.getObject("limit_percent"), rs.getDouble("baseline_kw"),
                        rs.getDouble("baseline_hours"), rs.getDouble("observed_kw"), rs.getDouble("expected_max_kw"),
                        rs.getTimestamp("window_from").toInstant(), rs.getTimestamp("window_to").toInstant(),
                        rs.getInt("readings_used"), rs.getDouble("stop_residual"), rs.getDouble("tolerance"),
                        rs.getTimestamp("flagged_at").toInstant()))
                .list();
        return Optional.of(new ComplianceView(h.orderId(), h.revision(), h.enterpriseId(), h.mode(),
                OrderStatus.valueOf(h.status()), h.issuedAt(), evaluations, flags));
    }

    private record Head(String orderId, int revision, String enterpriseId, String mode, String status, Instant issuedAt) {
    }

    private static String lineId(String lineKey) {
        return LineMeasure.MAIN_METER.equals(lineKey) ? null : lineKey;
    }
}
