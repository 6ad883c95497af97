package io.lantian.dispatch.order;

import io.lantian.common.events.OrderEvent;
import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topics;
import io.lantian.dispatch.list.ListedEnterprise;
import io.lantian.dispatch.list.ReductionListStore;
import io.lantian.platform.outbox.Outbox;
import io.lantian.platform.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns warnings into curtailment orders and records acknowledgements. Each state change, its history row
 * and its event on {@code dispatch.order-events.v1} commit together (outbox).
 */
@Service
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String COLUMNS = """
            order_id, warning_id, revision, enterprise_id, region_id, level, status, measures, created_at,
            acknowledged_at, acknowledged_by, ack_note""";

    private final JdbcClient jdbc;
    private final ReductionListStore list;
    private final Outbox outbox;

    OrderService(JdbcClient jdbc, ReductionListStore list, Outbox outbox) {
        this.jdbc = jdbc;
        this.list = list;
        this.outbox = outbox;
    }

    /**
     * One order per listed enterprise of the warning's region. Idempotent: a re-delivered warning creates
     * no second order for the same enterprise.
     *
     * @return the number of orders created
     */
    @Transactional
    public int onWarning(WarningEvent warning) {
        if (warning.action() != WarningEvent.Action.ISSUED) {
            // changes and lifts of warnings (order revisions, supersede, cancel) come with the orders issue
            log.info("Warning {} revision {} {}: no order change in this version", warning.warningId(),
                    warning.revision(), warning.action());
            return 0;
        }
        int created = 0;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (ListedEnterprise enterprise : list.inRegion(warning.regionId())) {
            List<String> measures = enterprise.measures().getOrDefault(warning.level(), List.of());
            UUID orderId = UUID.randomUUID();
            int inserted = jdbc.sql("""
                            insert into curtailment_order (order_id, warning_id, revision, enterprise_id, region_id, level, status, measures, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)
                            on conflict (warning_id, enterprise_id) do nothing""")
                    .params(orderId, UUID.fromString(warning.warningId()), warning.revision(), enterprise.enterpriseId(),
                            warning.regionId(), warning.level().name(), EventJson.mapper().writeValueAsString(measures),
                            Timestamp.from(now), Timestamp.from(now))
                    .update();
            if (inserted == 1) {
                created++;
                record(orderId, warning.revision(), OrderStatus.PENDING, "system", "warning " + warning.level() + " issued");
                outbox.append(Topics.ORDER_EVENTS, enterprise.enterpriseId(), new OrderEvent(orderId.toString(),
                        warning.warningId(), warning.revision(), enterprise.enterpriseId(), warning.regionId(),
                        warning.level(), OrderStatus.PENDING, measures, null, now));
            }
        }
        log.info("Warning {} ({} {}): {} new orders", warning.warningId(), warning.regionId(), warning.level(), created);
        return created;
    }

    /**
     * Acknowledges an order for the revision the enterprise names. An order of another enterprise is
     * answered as not found, so enterprises cannot probe each other's orders.
     */
    @Transactional
    public OrderView acknowledge(String enterpriseId, UUID orderId, int revision, String note, String actor) {
        OrderView order = jdbc.sql("select " + COLUMNS + " from curtailment_order where order_id = ? and enterprise_id = ? for update")
                .params(orderId, enterpriseId)
                .query(OrderService::view).optional()
                .orElseThrow(() -> ApiProblem.notFound("no order " + orderId + " for this enterprise"));
        if (order.revision() != revision) {
            throw ApiProblem.conflict("revision-mismatch", "the order is at revision " + order.revision()
                    + "; this acknowledgement names revision " + revision + ". Read the order again and acknowledge its current revision.");
        }
        if (order.status() == OrderStatus.ACKNOWLEDGED) {
            return order; // repeated acknowledgement of the same revision: nothing changes
        }
        if (order.status() != OrderStatus.PENDING && order.status() != OrderStatus.DELIVERED) {
            throw ApiProblem.conflict("order-closed", "the order is " + order.status() + " and can no longer be acknowledged");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql("""
                        update curtailment_order set status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?,
                          ack_note = ?, updated_at = ? where order_id = ?""")
                .params(Timestamp.from(now), actor, note, Timestamp.from(now), orderId)
                .update();
        record(orderId, revision, OrderStatus.ACKNOWLEDGED, actor, note);
        outbox.append(Topics.ORDER_EVENTS, enterpriseId, new OrderEvent(orderId.toString(), order.warningId(), revision,
                enterpriseId, order.regionId(), order.level(), OrderStatus.ACKNOWLEDGED, order.measures(), note, now));
        return find(orderId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<OrderView> ofEnterprise(String enterpriseId) {
        return jdbc.sql("select " + COLUMNS + " from curtailment_order where enterprise_id = ? order by created_at desc limit 500")
                .param(enterpriseId).query(OrderService::view).list();
    }

    @Transactional(readOnly = true)
    public List<OrderView> ofWarning(UUID warningId) {
        return jdbc.sql("select " + COLUMNS + " from curtailment_order where warning_id = ? order by enterprise_id")
                .param(warningId).query(OrderService::view).list();
    }

    Optional<OrderView> find(UUID orderId) {
        return jdbc.sql("select " + COLUMNS + " from curtailment_order where order_id = ?")
                .param(orderId).query(OrderService::view).optional();
    }

    private void record(UUID orderId, int revision, OrderStatus status, String actor, String note) {
        jdbc.sql("insert into order_history (order_id, revision, status, actor, note) values (?, ?, ?, ?, ?)")
                .params(orderId, revision, status.name(), actor, note)
                .update();
    }

    private static OrderView view(ResultSet rs, int row) throws SQLException {
        Timestamp ack = rs.getTimestamp("acknowledged_at");
        return new OrderView(rs.getString("order_id"), rs.getString("warning_id"), rs.getInt("revision"),
                rs.getString("enterprise_id"), rs.getString("region_id"), WarningLevel.valueOf(rs.getString("level")),
                OrderStatus.valueOf(rs.getString("status")), EventJson.mapper().readValue(rs.getString("measures"), STRINGS),
                rs.getTimestamp("created_at").toInstant(), ack == null ? null : ack.toInstant(),
                rs.getString("acknowledged_by"), rs.getString("ack_note"));
    }
}
