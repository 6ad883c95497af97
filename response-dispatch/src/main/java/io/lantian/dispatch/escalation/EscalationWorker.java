package io.lantian.dispatch.escalation;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.dispatch.delivery.DeliveryRequests;
import io.lantian.dispatch.notify.Notices;
import io.lantian.dispatch.order.OrderTransitions;
import io.lantian.platform.problem.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Carries out due escalation steps. Each step is claimed and carried out in one transaction — the step DONE,
 * the order ESCALATED (history row and order event), the officers' notice — so a step is carried out exactly
 * once across replicas, and an acknowledgement committed before the claim stops it. A reminder to a webhook
 * enterprise is a re-send of the order revision, asked of delivery after that transaction commits (delivery
 * locks the order row itself; within the step's transaction it would wait for the step's own lock).
 */
@Component
class EscalationWorker {

    private static final Logger log = LoggerFactory.getLogger(EscalationWorker.class);
    private static final Set<OrderStatus> ESCALATABLE = EnumSet.of(OrderStatus.PENDING, OrderStatus.DELIVERED,
            OrderStatus.UNDELIVERABLE, OrderStatus.ESCALATED);

    private final EscalationSteps steps;
    private final OrderTransitions transitions;
    private final Notices notices;
    private final DeliveryRequests deliveries;
    private final TransactionTemplate tx;
    private final EscalationProperties properties;
    private final String instance;
    private final Map<EscalationAction, Counter> escalations = new EnumMap<>(EscalationAction.class);

    EscalationWorker(EscalationSteps steps, OrderTransitions transitions, Notices notices, DeliveryRequests deliveries,
                     TransactionTemplate tx, EscalationProperties properties, MeterRegistry meters) {
        this.steps = steps;
        this.transitions = transitions;
        this.notices = notices;
        this.deliveries = deliveries;
        this.tx = tx;
        this.properties = properties;
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "#"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        for (EscalationAction action : EscalationAction.values()) {
            escalations.put(action, Counter.builder("lantian.escalations").tag("step", action.name())
                    .description("escalation steps carried out").register(meters));
        }
    }

    /** This worker's name in the steps it carries out. */
    String instance() {
        return instance;
    }

    @Scheduled(fixedDelayString = "${lantian.dispatch.escalation.poll-interval:5s}")
    void poll() {
        if (!properties.enabled()) {
            return;
        }
        try {
            tx.executeWithoutResult(status -> steps.stopMoot());
            int carriedOut = 0;
            for (int i = 0; i < properties.batchSize(); i++) {
                Carried carried = tx.execute(status -> steps.claimNext().map(this::carryOut).orElse(null));
                if (carried == null) {
                    break;
                }
                if (carried.escalated()) {
                    carriedOut++;
                    afterCommit(carried.step());
                }
            }
            if (carriedOut > 0) {
                log.info("Carried out {} escalation steps", carriedOut);
            }
        } catch (RuntimeException e) {
            log.warn("Escalation poll failed; due steps stay due: {}", e.toString());
        }
    }

    /** A claimed step, and whether it escalated the order (else it was stopped). */
    private record Carried(EscalationSteps.Due step, boolean escalated) {
    }

    /** In the claim's transaction. */
    private Carried carryOut(EscalationSteps.Due step) {
        String note = "escalation step " + step.position() + ": " + step.action() + " (no acknowledgement after "
                + EscalationChain.text(step.after()) + ")";
        if (!transitions.change(step.orderId(), step.revision(), ESCALATABLE, OrderStatus.ESCALATED, "system", note)) {
            // cannot happen while the claim holds the order row; kept so a step is never DONE without its escalation
            steps.stopped(step, instance, "stopped: the order could no longer be escalated");
            return new Carried(step, false);
        }
        switch (step.action()) {
            case REMIND_ENTERPRISE -> steps.done(step, instance, "WEBHOOK".equals(step.deliveryMode())
                    ? "webhook re-send to be requested" : "pull enterprise: the ESCALATED order is the reminder");
            case NOTIFY_TOWNSHIP_OFFICER, NOTIFY_DUTY_OFFICER -> {
                notices.add(EscalationNotices.forStep(step));
                steps.done(step, instance, null);
            }
        }
        return new Carried(step, true);
    }

    private void afterCommit(EscalationSteps.Due step) {
        escalations.get(step.action()).increment();
        log.debug("Order {} revision {}: escalation step {} ({}) carried out", step.orderId(), step.revision(),
                step.position(), step.action());
        if (step.action() == EscalationAction.REMIND_ENTERPRISE && "WEBHOOK".equals(step.deliveryMode())) {
            steps.note(step, remind(step));
        }
    }

    /** Asks delivery to push the order revision again; a refusal is recorded, not retried (the chain goes on). */
    private String remind(EscalationSteps.Due step) {
        try {
            deliveries.redeliver(step.orderId(), "system");
            return "webhook re-send requested";
        } catch (ApiProblem refused) {
            return "webhook re-send not requested: " + refused.getBody().getDetail();
        } catch (RuntimeException e) {
            log.warn("Order {}: the reminder re-send could not be requested: {}", step.orderId(), e.toString());
            return "webhook re-send failed: " + e;
        }
    }
}
