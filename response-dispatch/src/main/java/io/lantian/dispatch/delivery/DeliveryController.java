package io.lantian.dispatch.delivery;

import io.lantian.dispatch.order.OrderService;
import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Webhook delivery for duty officers: the attempt log of an order, a re-send, a test order. */
@RestController
class DeliveryController {

    private final DeliveryLog deliveries;
    private final DeliveryRequests requests;
    private final OrderService orders;

    DeliveryController(DeliveryLog deliveries, DeliveryRequests requests, OrderService orders) {
        this.deliveries = deliveries;
        this.requests = requests;
        this.orders = orders;
    }

    @Operation(summary = "The webhook deliveries of an order (or test order), one per revision, with every attempt (role officer)")
    @GetMapping("/api/v1/orders/{orderId}/deliveries")
    List<DeliveryView> deliveries(@PathVariable UUID orderId) {
        List<DeliveryView> found = deliveries.ofOrder(orderId);
        if (found.isEmpty() && orders.find(orderId).isEmpty()) {
            throw ApiProblem.notFound("no order " + orderId);
        }
        return found; // an order of a pull enterprise has none
    }

    @Operation(summary = "Send the order's current revision again, as a new series of attempts (role officer)")
    @PostMapping("/api/v1/orders/{orderId}/redeliver")
    ResponseEntity<DeliveryView> redeliver(@PathVariable UUID orderId, Authentication authentication) {
        DeliveryView delivery = requests.redeliver(orderId, authentication.getName());
        return ResponseEntity.accepted().location(logOf(delivery)).body(delivery);
    }

    @Operation(summary = "Send a test order to one enterprise's webhook, to check its integration (role officer)")
    @PostMapping("/api/v1/enterprises/{enterpriseId}/test-order")
    ResponseEntity<DeliveryView> testOrder(@PathVariable String enterpriseId) {
        DeliveryView delivery = requests.sendTestOrder(enterpriseId);
        return ResponseEntity.accepted().location(logOf(delivery)).body(delivery);
    }

    private static URI logOf(DeliveryView delivery) {
        return URI.create("/api/v1/orders/" + delivery.orderId() + "/deliveries");
    }
}
