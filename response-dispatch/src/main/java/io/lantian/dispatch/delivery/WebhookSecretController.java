package io.lantian.dispatch.delivery;

import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Administrators rotate an enterprise's webhook signing secret (docs/enterprise-integration.md, "Rotating"). */
@RestController
class WebhookSecretController {

    /** @param secret a {@code whsec_…} secret the enterprise generated; omitted: the bureau generates one */
    record RotateRequest(String secret) {
    }

    private final WebhookSecretRotation rotation;

    WebhookSecretController(WebhookSecretRotation rotation) {
        this.rotation = rotation;
    }

    @Operation(summary = "Start a rotation: sign with a new secret (answered once, in this response) and the previous one (role admin)")
    @PostMapping("/api/v1/admin/enterprises/{enterpriseId}/webhook-secrets:rotate")
    ResponseEntity<WebhookSecretRotation.Result> rotate(@PathVariable String enterpriseId,
                                                        @RequestBody(required = false) RotateRequest request,
                                                        Authentication who) {
        String secret = request == null || request.secret() == null ? WebhookSecret.generate() : request.secret();
        try {
            WebhookSecret.parse(secret);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", "secret: " + e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(rotation.rotate(enterpriseId, secret, who.getName()));
    }

    @Operation(summary = "Finish a rotation: stop signing with the previous secret (role admin)")
    @PostMapping("/api/v1/admin/enterprises/{enterpriseId}/webhook-secrets:retire-previous")
    WebhookSecretRotation.Result retirePrevious(@PathVariable String enterpriseId, Authentication who) {
        return rotation.retirePrevious(enterpriseId, who.getName());
    }
}
