package io.lantian.dispatch.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * One attempt as it went, for the delivery log.
 *
 * @param httpStatus      null when no answer came
 * @param latency         null when nothing was sent
 * @param responseExcerpt the beginning of the answer's body, for officers
 * @param retryAfter      the receiver's Retry-After, if it sent one
 */
public record AttemptResult(Instant startedAt, AttemptOutcome outcome, Integer httpStatus, Duration latency,
                            String responseExcerpt, String error, Duration retryAfter) {

    static AttemptResult notSent(Instant startedAt, AttemptOutcome outcome, String why) {
        return new AttemptResult(startedAt, outcome, null, null, null, why, null);
    }
}
