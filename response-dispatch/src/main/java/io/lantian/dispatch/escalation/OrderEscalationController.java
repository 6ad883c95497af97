package io.lantian.dispatch.escalation;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.dispatch.order.OrderService;
import io.lantian.dispatch.order.OrderView;
import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order's escalation for officers: the steps each revision was given, and what became of them. */
@RestController
class OrderEscalationController {

    /**
     * @param revision the order's current revision; {@code steps} holds those of earlier revisions too
     */
    record Escalation(String orderId, int revision, OrderStatus status, List<StepView> steps) {
    }

    /**
     * @param state  PENDING (not yet due, or due and about to be carried out), DONE or STOPPED
     * @param doneAt when it was carried out or stopped
     * @param note   why it stopped, or what a reminder did
     */
    record StepView(int revision, int position, EscalationAction action, String after, Instant dueAt, String state,
                    Instant doneAt, String note) {
    }

    private final OrderService orders;
    private final EscalationSteps steps;

    OrderEscalationController(OrderService orders, EscalationSteps steps) {
        this.orders = orders;
        this.steps = steps;
    }

    @Operation(summary = "The escalation steps of an order, per revision, with their state (role officer)")
    @GetMapping("/api/v1/orders/{orderId}/escalation")
    Escalation escalation(@PathVariable UUID orderId) {
        OrderView order = orders.find(orderId).orElseThrow(() -> ApiProblem.notFound("no order " + orderId));
        return new Escalation(order.orderId(), order.revision(), order.status(), steps.ofOrder(orderId).stream()
                .map(s -> new StepView(s.revision(), s.position(), s.action(), s.after().toString(), s.dueAt(), s.state(),
                        s.doneAt(), s.note()))
                .toList());
    }
}
