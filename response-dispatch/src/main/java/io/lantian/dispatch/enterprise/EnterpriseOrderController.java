package io.lantian.dispatch.enterprise;

import io.lantian.dispatch.order.OrderService;
import io.lantian.dispatch.order.OrderView;
import io.lantian.platform.security.CurrentEnterprise;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * The enterprise's own view: its orders, and their acknowledgement. The enterprise comes from the token's
 * {@code enterprise_id} claim, never from the request.
 */
@RestController
class EnterpriseOrderController {

    record Acknowledgement(@NotNull @Min(1) Integer revision, @Size(max = 2000) String note) {
    }

    private final OrderService orders;

    EnterpriseOrderController(OrderService orders) {
        this.orders = orders;
    }

    @Operation(summary = "My orders, newest first (role enterprise)")
    @GetMapping("/api/v1/enterprise/orders")
    List<OrderView> mine(Authentication authentication) {
        return orders.ofEnterprise(CurrentEnterprise.idOf(authentication));
    }

    @Operation(summary = "Acknowledge one of my orders for the revision I name (role enterprise)")
    @PostMapping("/api/v1/enterprise/orders/{orderId}/ack")
    OrderView acknowledge(@PathVariable UUID orderId, @Valid @RequestBody Acknowledgement ack,
                          Authentication authentication) {
        String enterpriseId = CurrentEnterprise.idOf(authentication);
        return orders.acknowledge(enterpriseId, orderId, ack.revision(), ack.note(), authentication.getName());
    }
}
