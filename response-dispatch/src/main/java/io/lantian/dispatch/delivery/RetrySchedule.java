package io.lantian.dispatch.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a delivery again, or to give up. Exponential back-off ({@code initial × multiplier^(n-1)}, at
 * most {@code maxBackoff}) with jitter (± {@code jitter} of it, so replicas and endpoints do not retry in
 * step), except that a receiver's {@code Retry-After} is obeyed (up to {@code maxRetryAfter}, so a receiver
 * cannot park an order for a day). After {@code maxAttempts} attempts in a series the delivery is given up.
 *
 * @param maxAttempts   attempts per series (the first attempt included)
 * @param jitter        0 … 1: the delay is drawn from {@code [d × (1 - jitter), d × (1 + jitter)]}, then capped
 * @param maxRetryAfter the longest Retry-After obeyed; a longer one is shortened to this
 */
public record RetrySchedule(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                            double jitter, Duration maxRetryAfter) {

    public RetrySchedule {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("0 <= initialBackoff <= maxBackoff");
        }
        if (multiplier < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("multiplier >= 1 and 0 <= jitter <= 1");
        }
    }

    /** What to do after a failed attempt. */
    public sealed interface Decision {
    }

    public record RetryIn(Duration delay) implements Decision {
    }

    public record GiveUp() implements Decision {
    }

    /**
     * @param attemptInSeries the attempt that just failed, counted from 1 in the current series
     * @param retryAfter      what the receiver asked for, if it did
     * @param random          uniform in [0, 1) — {@code Math::random} in production, fixed in tests
     */
    public Decision afterFailure(int attemptInSeries, Optional<Duration> retryAfter, DoubleSupplier random) {
        if (attemptInSeries >= maxAttempts) {
            return new GiveUp();
        }
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return new RetryIn(asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked);
        }
        return new RetryIn(backoff(attemptInSeries, random.getAsDouble()));
    }

    /** The back-off after the n-th failed attempt, jittered with {@code random} in [0, 1). */
    Duration backoff(int attemptInSeries, double random) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, attemptInSeries - 1);
        double capped = Math.min(base, maxBackoff.toMillis());
        double jittered = capped * (1 - jitter + 2 * jitter * random);
        return Duration.ofMillis(Math.round(Math.min(jittered, maxBackoff.toMillis())));
    }
}
