package io.lantian.ingest.reading;

import java.time.Duration;

/**
 * The intake could not take a batch: nothing of it is confirmed, and the sender should send it again after
 * {@code retryAfter}. {@link Kind#UNAVAILABLE}: the broker did not acknowledge (or the circuit breaker is
 * open after recent failures); {@link Kind#OVERLOADED}: too many batches in flight.
 */
public class IntakeRefused extends RuntimeException {

    public enum Kind { UNAVAILABLE, OVERLOADED }

    private final Kind kind;
    private final Duration retryAfter;

    public IntakeRefused(Kind kind, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
