package io.lantian.dispatch.order;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Orders of a warning, for duty officers: who has acknowledged, who has not. */
@RestController
class OfficerOrderController {

    private final OrderService orders;

    OfficerOrderController(OrderService orders) {
        this.orders = orders;
    }

    @Operation(summary = "The orders of one warning (role officer)")
    @GetMapping("/api/v1/orders")
    List<OrderView> ofWarning(@RequestParam UUID warningId) {
        return orders.ofWarning(warningId);
    }
}
