package io.lantian.dispatch.report;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.dispatch.order.OrderService;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which orders count as "not acknowledged", in one place for the report (Java) and the gauge (SQL): the order
 * is in force ({@link OrderService#OPEN}) and its current revision holds no acknowledgement. A revision is
 * acknowledged when {@code acknowledged_at} is set (a new revision clears it) and the enterprise has not since
 * said it cannot comply; an order flagged NON_COMPLIANT after its acknowledgement stays acknowledged (it is
 * reported as non-compliant instead).
 */
final class Unacknowledged {

    /** The states an unacknowledged order can be in: every open state but ACKNOWLEDGED. */
    static final Set<OrderStatus> STATES;

    static {
        EnumSet<OrderStatus> states = EnumSet.copyOf(OrderService.OPEN);
        states.remove(OrderStatus.ACKNOWLEDGED);
        STATES = Set.copyOf(states);
    }

    /** The same test as {@link #test} on {@code curtailment_order} columns. */
    static final String SQL = "status in (" + STATES.stream().map(s -> "'" + s.name() + "'").sorted()
            .collect(Collectors.joining(", ")) + ") and (acknowledged_at is null or status = 'CANNOT_COMPLY')";

    private Unacknowledged() {
    }

    /** Whether the current revision is acknowledged (it may since have been closed: lifted orders keep it). */
    static boolean acknowledged(OrderStatus status, Instant acknowledgedAt) {
        return acknowledgedAt != null && status != OrderStatus.CANNOT_COMPLY;
    }

    static boolean test(OrderStatus status, Instant acknowledgedAt) {
        return STATES.contains(status) && !acknowledged(status, acknowledgedAt);
    }
}
