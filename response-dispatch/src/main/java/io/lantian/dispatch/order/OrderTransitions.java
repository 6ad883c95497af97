package io.lantian.dispatch.order;

import io.lantian.common.events.OrderEvent;
import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topics;
import io.lantian.platform.outbox.Outbox;
import org.springframework.context.ApplicationEventPublisher;
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
 * The one place an order's state change is recorded: its history row, its event on
 * {@code dispatch.order-events.v1} (outbox) and an {@link OrderChanged} for in-process listeners, all in the
 * caller's transaction. {@link #change} is for the changes other features cause (delivered, undeliverable,
 * escalated, non-compliant): it applies only while the order is still at the named revision and in one of the
 * states it may leave that way, so a late result never overwrites an acknowledgement or a newer revision.
 */
@Component
public class OrderTransitions {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;

    OrderTransitions(JdbcClient jdbc, Outbox outbox, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.events = events;
    }

    /** @return whether the order was at {@code revision} in one of {@code from} and is now {@code to} */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean change(UUID orderId, int revision, Set<OrderStatus> from, OrderStatus to, String actor, String note) {
        Instant now = now();
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
        record(orderId, order.warningId(), revision, order.enterpriseId(), order.regionId(),
                WarningLevel.valueOf(order.level()), to, EventJson.mapper().readValue(order.measures(), STRINGS), actor,
                note, now);
        return true;
    }

    /** History row, order event and {@link OrderChanged} for a change the caller has written already. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID orderId, String warningId, int revision, String enterpriseId, String regionId,
                       WarningLevel level, OrderStatus status, List<String> measures, String actor, String note,
                       Instant now) {
        jdbc.sql("insert into order_history (order_id, revision, status, actor, note) values (?, ?, ?, ?, ?)")
                .params(orderId, revision, status.name(), actor, note)
                .update();
        outbox.append(Topics.ORDER_EVENTS, enterpriseId, new OrderEvent(orderId.toString(), warningId, revision,
                enterpriseId, regionId, level, status, measures, note, now));
        events.publishEvent(new OrderChanged(orderId, warningId, revision, enterpriseId, regionId, level, status, actor, now));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private record Changed(String warningId, String enterpriseId, String regionId, String level, String measures) {
    }
}
