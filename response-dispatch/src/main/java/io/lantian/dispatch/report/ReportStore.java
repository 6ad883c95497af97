package io.lantian.dispatch.report;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.json.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads orders, their history and their enterprises for reports and order metrics. Read-only. */
@Repository
class ReportStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;

    ReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every order of a warning, by township and enterprise. */
    List<ReportRow> ofWarning(UUID warningId) {
        return jdbc.sql("""
                        select o.order_id, o.enterprise_id, e.name, e.township, e.grade, o.region_id, o.level, o.revision,
                          o.mode, o.status, o.measures, issued.occurred_at as issued_at, o.ack_deadline, o.acknowledged_at,
                          o.cannot_comply_code, o.cannot_comply_reason, flag.note as flag_note, flag.occurred_at as flag_at,
                          flag.revision as flag_revision
                        from curtailment_order o
                        join enterprise e on e.enterprise_id = o.enterprise_id
                        left join lateral (select h.occurred_at from order_history h
                            where h.order_id = o.order_id and h.status = 'PENDING' order by h.id desc limit 1) issued on true
                        left join lateral (select h.note, h.occurred_at, h.revision from order_history h
                            where h.order_id = o.order_id and h.status = 'NON_COMPLIANT' order by h.id desc limit 1) flag on true
                        where o.warning_id = ?
                        order by e.township nulls last, o.enterprise_id""")
                .param(warningId)
                .query(ReportStore::row).list();
    }

    /** When the order's current revision was issued: its latest PENDING history row. */
    Instant issuedAt(UUID orderId) {
        // ordered like the index order_history_order (order_id, id), so that index serves it however the
        // statistics look (ordered by id alone, the planner may walk the primary key backwards, filtering)
        return jdbc.sql("""
                        select occurred_at from order_history where order_id = ? and status = 'PENDING'
                        order by order_id desc, id desc limit 1""")
                .param(orderId).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
    }

    /** {@link #issuedAt} for many orders in one query (one index probe each); orders without one are left out. */
    Map<UUID, Instant> issuedAtAll(List<UUID> orderIds) {
        Map<UUID, Instant> issued = new HashMap<>();
        jdbc.sql("""
                        select u.order_id, (select h.occurred_at from order_history h
                                            where h.order_id = u.order_id and h.status = 'PENDING'
                                            order by h.order_id desc, h.id desc limit 1) as issued
                        from unnest(?::uuid[]) as u(order_id)""")
                .param(orderIds.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> {
                    Timestamp at = rs.getTimestamp("issued");
                    if (at != null) {
                        issued.put(rs.getObject("order_id", UUID.class), at.toInstant());
                    }
                    return at;
                }).list();
        return issued;
    }

    /** The enterprise's grade, and whether the order has just been created (its history is the one PENDING row). */
    record Created(String grade, boolean isNew) {
    }

    /** A new order's level and its enterprise's grade. */
    record NewOrder(String level, String grade) {
    }

    /**
     * {@link #created} for many orders in one query: level and grade of each that has just been created — written
     * once and not changed since ({@code created_at = updated_at}; a new revision or any state change moves
     * {@code updated_at}). Not a count of history rows per order: with a warning's thousands of rows not yet in the
     * planner's statistics, that correlated count was planned as a scan of order_history per order (5 s for 10 000).
     */
    List<NewOrder> newOrders(List<UUID> orderIds) {
        return jdbc.sql("""
                        select o.level, e.grade
                        from curtailment_order o join enterprise e on e.enterprise_id = o.enterprise_id
                        where o.order_id = any(?::uuid[]) and o.created_at = o.updated_at""")
                .param(orderIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(NewOrder.class).list();
    }

    Created created(UUID orderId, String enterpriseId) {
        return jdbc.sql("""
                        select e.grade, (select count(*) from order_history h where h.order_id = :order) = 1 as is_new
                        from enterprise e where e.enterprise_id = :enterprise""")
                .param("order", orderId).param("enterprise", enterpriseId)
                .query((rs, n) -> new Created(rs.getString("grade"), rs.getBoolean("is_new"))).single();
    }

    /** Unacknowledged orders ({@link Unacknowledged}) by status and whether their deadline has passed. */
    record Count(OrderStatus status, boolean overdue, long orders) {
    }

    List<Count> unacknowledged() {
        return jdbc.sql("select status, coalesce(ack_deadline < now(), false) as overdue, count(*) as orders"
                        + " from curtailment_order where " + Unacknowledged.SQL + " group by 1, 2")
                .query((rs, n) -> new Count(OrderStatus.valueOf(rs.getString("status")), rs.getBoolean("overdue"),
                        rs.getLong("orders"))).list();
    }

    private static ReportRow row(ResultSet rs, int n) throws SQLException {
        String flagNote = rs.getString("flag_note");
        Timestamp flagAt = rs.getTimestamp("flag_at");
        return new ReportRow(rs.getString("order_id"), rs.getString("enterprise_id"), rs.getString("name"),
                rs.getString("township"), rs.getString("grade"), rs.getString("region_id"),
                WarningLevel.valueOf(rs.getString("level")), rs.getInt("revision"), rs.getString("mode"),
                OrderStatus.valueOf(rs.getString("status")), EventJson.mapper().readValue(rs.getString("measures"), STRINGS),
                instant(rs, "issued_at"), instant(rs, "ack_deadline"), instant(rs, "acknowledged_at"),
                rs.getString("cannot_comply_code"), rs.getString("cannot_comply_reason"), flagAt != null, flagNote,
                flagAt == null ? null : flagAt.toInstant(), (Integer) rs.getObject("flag_revision"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
