package io.lantian.dispatch.enterprise;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.dispatch.order.OrderService;
import io.lantian.dispatch.order.OrderView;
import io.lantian.platform.security.CurrentEnterprise;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * The enterprise's own view (the pull API): its orders, and its answers to them — acknowledged, or cannot
 * comply with a reason. The enterprise comes from the token's {@code enterprise_id} claim, never from the
 * request. Answers need an {@code Idempotency-Key}.
 */
@RestController
class EnterpriseOrderController {

    record Acknowledgement(@NotNull @Min(1) Integer revision, @Size(max = 2000) String note) {
    }

    record CannotComply(@NotNull @Min(1) Integer revision,
                        @NotBlank @Pattern(regexp = "SAFETY|CONTRACT|PUBLIC_SERVICE|EQUIPMENT|OTHER",
                                message = "must be SAFETY, CONTRACT, PUBLIC_SERVICE, EQUIPMENT or OTHER") String code,
                        @NotBlank @Size(max = 2000) String reason) {
    }

    private final OrderService orders;
    private final IdempotentRequests idempotent;
    private final AckBatcher acks;

    EnterpriseOrderController(OrderService orders, IdempotentRequests idempotent, AckBatcher acks) {
        this.orders = orders;
        this.idempotent = idempotent;
        this.acks = acks;
    }

    @Operation(summary = "My orders, newest first, optionally by status (role enterprise)")
    @GetMapping("/api/v1/enterprise/orders")
    List<OrderView> mine(@RequestParam(required = false) OrderStatus status, Authentication authentication) {
        return orders.ofEnterprise(CurrentEnterprise.idOf(authentication), status);
    }

    @Operation(summary = "Acknowledge one of my orders for the revision I name (role enterprise; Idempotency-Key)")
    @PostMapping("/api/v1/enterprise/orders/{orderId}/ack")
    ResponseEntity<String> acknowledge(@PathVariable UUID orderId, @Valid @RequestBody Acknowledgement ack,
                                       @RequestHeader(value = IdempotentRequests.HEADER, required = false) String key,
                                       Authentication authentication) {
        String enterpriseId = CurrentEnterprise.idOf(authentication);
        // committed together with the acks that arrive meanwhile (group commit), answered as if alone
        return acks.acknowledge(new OrderService.Ack(enterpriseId, orderId, ack.revision(), ack.note(), authentication.getName()),
                key, "ack " + orderId + " " + ack);
    }

    @Operation(summary = "Say I cannot carry out one of my orders, with a reason (role enterprise; Idempotency-Key)")
    @PostMapping("/api/v1/enterprise/orders/{orderId}/cannot-comply")
    ResponseEntity<String> cannotComply(@PathVariable UUID orderId, @Valid @RequestBody CannotComply answer,
                                        @RequestHeader(value = IdempotentRequests.HEADER, required = false) String key,
                                        Authentication authentication) {
        String enterpriseId = CurrentEnterprise.idOf(authentication);
        return idempotent.execute(enterpriseId, key, "cannot-comply " + orderId + " " + answer,
                () -> orders.cannotComply(enterpriseId, orderId, answer.revision(), answer.code(), answer.reason(),
                        authentication.getName()));
    }
}
