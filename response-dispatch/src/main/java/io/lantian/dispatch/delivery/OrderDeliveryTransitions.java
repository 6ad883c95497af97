package io.lantian.dispatch.delivery;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.dispatch.order.OrderTransitions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * The order state changes that delivery causes — DELIVERED and UNDELIVERABLE — in the caller's transaction.
 * A change applies only while the order is still at the delivered revision and in a state it may leave that
 * way, so a late result never overwrites an acknowledgement or a newer revision.
 */
@Component
public class OrderDeliveryTransitions {

    private final OrderTransitions transitions;

    OrderDeliveryTransitions(OrderTransitions transitions) {
        this.transitions = transitions;
    }

    /** PENDING (or UNDELIVERABLE, after a re-send) → DELIVERED. @return whether the order changed */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean delivered(UUID orderId, int revision, String note) {
        return transitions.change(orderId, revision, Set.of(OrderStatus.PENDING, OrderStatus.UNDELIVERABLE),
                OrderStatus.DELIVERED, "system", note);
    }

    /** {@link #delivered} for many orders in one statement set. @return the orders that changed */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<UUID> deliveredAll(Collection<OrderTransitions.Change> changes) {
        return transitions.changeAll(changes, Set.of(OrderStatus.PENDING, OrderStatus.UNDELIVERABLE),
                OrderStatus.DELIVERED, "system");
    }

    /** {@link #undeliverable} for many orders in one statement set. @return the orders that changed */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<UUID> undeliverableAll(Collection<OrderTransitions.Change> changes) {
        return transitions.changeAll(changes, Set.of(OrderStatus.PENDING), OrderStatus.UNDELIVERABLE, "system");
    }

    /** PENDING → UNDELIVERABLE: escalation acts on it. @return whether the order changed */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean undeliverable(UUID orderId, int revision, String note) {
        return transitions.change(orderId, revision, Set.of(OrderStatus.PENDING), OrderStatus.UNDELIVERABLE, "system", note);
    }
}
