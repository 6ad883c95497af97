package io.lantian.dispatch.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads deliveries and their attempts for officers. */
@Component
public class DeliveryLog {

    private static final String COLUMNS = """
            delivery_id, order_id, revision, enterprise_id, test, event_type, message_id, state, attempts,
            next_attempt_at, delivered_at, last_error, created_at""";

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every delivery of an order (one per revision pushed), oldest revision first. */
    @Transactional(readOnly = true)
    public List<DeliveryView> ofOrder(UUID orderId) {
        return jdbc.sql("select " + COLUMNS + " from delivery where order_id = ? order by revision")
                .param(orderId).query(this::view).list();
    }

    @Transactional(readOnly = true)
    public Optional<DeliveryView> of(UUID orderId, int revision) {
        return jdbc.sql("select " + COLUMNS + " from delivery where order_id = ? and revision = ?")
                .params(orderId, revision).query(this::view).optional();
    }

    private DeliveryView view(ResultSet rs, int row) throws SQLException {
        UUID deliveryId = rs.getObject("delivery_id", UUID.class);
        String state = rs.getString("state");
        List<DeliveryView.Attempt> attempts = jdbc.sql("""
                        select attempt, started_at, outcome, http_status, latency_ms, response_excerpt, error,
                          retry_after_ms, decision, next_attempt_at, instance
                        from delivery_attempt where delivery_id = ? order by id""")
                .param(deliveryId)
                .query((a, n) -> new DeliveryView.Attempt(a.getInt("attempt"), instant(a, "started_at"),
                        a.getString("outcome"), (Integer) a.getObject("http_status"), (Long) a.getObject("latency_ms"),
                        a.getString("response_excerpt"), a.getString("error"), (Long) a.getObject("retry_after_ms"),
                        a.getString("decision"), instant(a, "next_attempt_at"), a.getString("instance")))
                .list();
        return new DeliveryView(deliveryId.toString(), rs.getString("order_id"), rs.getInt("revision"),
                rs.getString("enterprise_id"), rs.getBoolean("test"), rs.getString("event_type"),
                rs.getString("message_id"), state, rs.getInt("attempts"),
                "PENDING".equals(state) ? instant(rs, "next_attempt_at") : null, instant(rs, "delivered_at"),
                rs.getString("last_error"), instant(rs, "created_at"), attempts);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
