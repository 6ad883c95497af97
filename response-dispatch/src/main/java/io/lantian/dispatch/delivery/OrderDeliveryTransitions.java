package io.lantian.dispatch.delivery;

import io.lantian.common.events.OrderEvent;
import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topics;
import io.lantian.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The order state changes that delivery causes — DELIVERED and UNDELIVERABLE — each with its history row and
 * its event on {@code dispatch.order-events.v1}, in the caller's transaction, exactly as {@code OrderService}
 * records its own. A change applies only while the order is still at the delivered revision and in a state
 * it may leave that way, so a late result never overwrites an acknowledgement or a newer revision.
 * (Belongs in {@code OrderService}; kept here while that class is someone else's to change.)
 */
@Component
public class OrderDeliveryTransitions {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final Outbox outbox;

    OrderDeliveryTransitions(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** PENDING (or UNDELIVERABLE, after a re-send) → DELIVERED. @return whether the order changed */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean delivered(UUID orderId, int revision, String note) {
        return transition(orderId, revision, Set.of(OrderStatus.PENDING, OrderStatus.UNDELIVERABLE), OrderStatus.DELIVERED, note);
    }

    /** PENDING → UNDELIVERABLE: escalation acts on the event. @return whether the order changed */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean undeliverable(UUID orderId, int revision, String note) {
        return transition(orderId, revision, Set.of(OrderStatus.PENDING), OrderStatus.UNDELIVERABLE, note);
    }

    private record Changed(String warningId, String enterpriseId, String regionId, String level, String measures) {
    }

    private boolean transition(UUID orderId, int revision, Set<OrderStatus> from, OrderStatus to, String note) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var changed = jdbc.sql("""
                        update curtailment_order set status = :to, updated_at = :now
                        where order_id = :id and revision = :revision and status in (:from)
                        returning warning_id, enterprise_id, region_id, level, measures""")
                .param("to", to.name()).param("now", Timestamp.from(now)).param("id", orderId)
                .param("revision", revision).param("from", from.stream().map(Enum::name).toList())
                .query(Changed.class).optional();
        if (changed.isEmpty()) {
            return false;
        }
        Changed order = changed.get();
        jdbc.sql("insert into order_history (order_id, revision, status, actor, note) values (?, ?, ?, ?, ?)")
                .params(orderId, revision, to.name(), "system", note)
                .update();
        outbox.append(Topics.ORDER_EVENTS, order.enterpriseId(), new OrderEvent(orderId.toString(), order.warningId(),
                revision, order.enterpriseId(), order.regionId(), WarningLevel.valueOf(order.level()), to,
                EventJson.mapper().readValue(order.measures(), STRINGS), note, now));
        return true;
    }
}
