package io.lantian.dispatch.compliance;

import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Compliance of an order for duty officers: the latest verdict per line and the flags with their evidence. */
@RestController
class ComplianceController {

    private final ComplianceStore store;

    ComplianceController(ComplianceStore store) {
        this.store = store;
    }

    @Operation(summary = "Power-use verification of an order: latest verdict per line and non-compliance flags with evidence (role officer)")
    @GetMapping("/api/v1/orders/{orderId}/compliance")
    ComplianceView compliance(@PathVariable UUID orderId) {
        return store.view(orderId).orElseThrow(() -> ApiProblem.notFound("no order " + orderId));
    }
}
