package io.lantian.dispatch.delivery;

import java.time.Instant;
import java.util.List;

/**
 * One pushed order revision (or test order) as officers see it, with its attempt log.
 *
 * @param state         PENDING, IN_FLIGHT, DELIVERED, UNDELIVERABLE or DROPPED
 * @param attempts      attempts made in all, re-sends included
 * @param nextAttemptAt when the next attempt is due (PENDING only)
 * @param lastError     why the last attempt failed, or why the delivery was dropped
 */
public record DeliveryView(String deliveryId, String orderId, int revision, String enterpriseId, boolean test,
                           String type, String webhookId, String state, int attempts, Instant nextAttemptAt,
                           Instant deliveredAt, String lastError, Instant createdAt, List<Attempt> log) {

    /**
     * One attempt.
     *
     * @param outcome   see {@link AttemptOutcome}
     * @param latencyMs null when nothing was sent (circuit open, misconfigured)
     * @param decision  DELIVERED, RETRY, UNDELIVERABLE, or LEASE_LOST (the worker's lease ran out first; the
     *                  attempt happened but another worker had taken the delivery over)
     */
    public record Attempt(int attempt, Instant startedAt, String outcome, Integer httpStatus, Long latencyMs,
                          String responseExcerpt, String error, Long retryAfterMs, String decision,
                          Instant nextAttemptAt, String instance) {
    }
}
