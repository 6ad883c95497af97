package io.lantian.dispatch.delivery;

import io.lantian.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** Delivery's domain logic — signing, retry decisions, Retry-After, outcomes, the message — stays plain Java. */
class DeliveryArchitectureTest {

    @Test
    void theDeliveryDomainIsFreeOfSpring() {
        ServiceArchitecture.check("io.lantian.dispatch", WebhookSecret.class, WebhookSigner.class, RetryAfter.class,
                RetrySchedule.class, AttemptOutcome.class, AttemptResult.class, WebhookMessage.class);
    }
}
