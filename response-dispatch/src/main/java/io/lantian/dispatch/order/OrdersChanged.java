package io.lantian.dispatch.order;

import io.lantian.common.events.OrderEvent.OrderStatus;

import java.util.List;

/**
 * Many orders moved to the same {@code status} in one statement set ({@link OrderTransitions#recordAll},
 * {@link OrderTransitions#changeAll}): published once, inside that transaction, instead of one
 * {@link OrderChanged} per order, so a listener can do its part set-based too (a warning creates thousands of
 * orders at once). Whoever listens to {@link OrderChanged} must listen to this as well; handling each of
 * {@link #changes()} as an {@link OrderChanged} is always correct.
 */
public record OrdersChanged(OrderStatus status, List<OrderChanged> changes) {
}
