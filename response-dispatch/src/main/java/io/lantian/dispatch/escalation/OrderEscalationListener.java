package io.lantian.dispatch.escalation;

import io.lantian.dispatch.notify.Notices;
import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.dispatch.order.OrderChanged;
import io.lantian.dispatch.order.OrdersChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.EnumSet;
import java.util.Set;

/**
 * Follows every order change inside the transaction that makes it: a new revision (PENDING) gets a copy of its
 * level's chain; an answer or the end of the order stops the chain at once; an enterprise that cannot comply
 * and an undeliverable revision are noticed to the duty officer. So a step can never run after the answer
 * that should have stopped it was committed.
 */
@Component
class OrderEscalationListener {

    private static final Logger log = LoggerFactory.getLogger(OrderEscalationListener.class);

    private record Enterprise(String name, String cannotComplyCode, String cannotComplyReason) {
    }

    /** States that stop the chain and do nothing else. */
    private static final Set<OrderStatus> STOPPING = EnumSet.of(OrderStatus.ACKNOWLEDGED, OrderStatus.COMPLETED,
            OrderStatus.CANCELLED, OrderStatus.SUPERSEDED);

    private final EscalationSteps steps;
    private final Notices notices;
    private final JdbcClient jdbc;

    OrderEscalationListener(EscalationSteps steps, Notices notices, JdbcClient jdbc) {
        this.steps = steps;
        this.notices = notices;
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(OrderChanged change) {
        switch (change.status()) {
            case PENDING -> {
                int copied = steps.snapshot(change.orderId(), change.revision(), change.level(), change.occurredAt());
                log.debug("Order {} revision {}: {} escalation steps", change.orderId(), change.revision(), copied);
            }
            case ACKNOWLEDGED, COMPLETED, CANCELLED, SUPERSEDED -> steps.stop(change.orderId(), stopNote(change));
            case CANNOT_COMPLY -> {
                steps.stop(change.orderId(), "stopped: the enterprise cannot comply; the duty officer was told");
                Enterprise enterprise = enterpriseOf(change);
                notices.add(EscalationNotices.cannotComply(change.orderId(), change.revision(), change.regionId(),
                        change.level(), enterprise.name(), change.enterpriseId(), enterprise.cannotComplyCode(),
                        enterprise.cannotComplyReason(), change.occurredAt()));
            }
            case UNDELIVERABLE -> notices.add(EscalationNotices.undeliverable(change.orderId(), change.revision(),
                    change.regionId(), change.level(), enterpriseOf(change).name(), change.enterpriseId(),
                    change.occurredAt()));
            default -> {
                // DELIVERED, ESCALATED, NON_COMPLIANT: the chain goes on as it is
            }
        }
    }

    /** Many new revisions at once (a warning's new orders): their chains copied in one statement. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(OrdersChanged changes) {
        if (changes.status() == OrderStatus.PENDING) {
            int copied = steps.snapshotAll(changes.changes());
            log.debug("{} new order revisions: {} escalation steps", changes.changes().size(), copied);
        } else if (STOPPING.contains(changes.status())) {
            // many answers at once (acknowledgements committed together): their chains stopped in one statement
            int stopped = steps.stopAll(changes.changes().stream().map(OrderChanged::orderId).toList(),
                    changes.changes().stream().map(OrderEscalationListener::stopNote).toList());
            log.debug("{} orders {}: {} escalation steps stopped", changes.changes().size(), changes.status(), stopped);
        } else {
            changes.changes().forEach(this::on);
        }
    }

    private static String stopNote(OrderChanged change) {
        return "stopped: the order is " + change.status() + " (by " + change.actor() + ")";
    }

    private Enterprise enterpriseOf(OrderChanged change) {
        return jdbc.sql("""
                        select e.name, o.cannot_comply_code, o.cannot_comply_reason
                        from curtailment_order o join enterprise e on e.enterprise_id = o.enterprise_id
                        where o.order_id = ?""")
                .param(change.orderId()).query(Enterprise.class).optional()
                .orElse(new Enterprise(null, null, null));
    }
}
