package io.lantian.dispatch.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How orders are pushed to webhook enterprises ({@code lantian.dispatch.delivery}). The endpoint's circuit
 * breaker, bulkhead and time limit are resilience4j configurations named {@value EndpointGuards#CONFIG}.
 *
 * @param enabled          whether this instance runs the delivery worker (the officer API works either way)
 * @param pollInterval     how often the worker looks for due deliveries
 * @param lease            how long a claimed delivery belongs to its worker; past it another replica may claim it
 *                         again. Must exceed the time limit plus the bulkhead wait (checked at start)
 * @param concurrency      attempts in flight (claimed and not yet recorded) at once per instance, all endpoints
 *                         together; per endpoint the bulkhead bounds them further
 * @param recordBatchSize  the most attempts recorded in one transaction (results that pile up while the previous
 *                         batch is recorded go together)
 * @param maxAttempts      attempts per series before the revision is UNDELIVERABLE
 * @param initialBackoff   the delay after the first failed attempt
 * @param backoffMultiplier growth of the delay per failed attempt
 * @param maxBackoff       the longest delay between attempts
 * @param jitter           0 … 1: the share by which a delay is randomly shortened or lengthened
 * @param maxRetryAfter    the longest Retry-After obeyed
 * @param connectTimeout   TCP + TLS connect limit of the HTTP client
 * @param excerptChars     how much of each answer's body the delivery log keeps
 * @param publicBaseUrl    where enterprises reach this service's API (for the answer links in messages);
 *                         empty: the messages carry paths only
 */
@ConfigurationProperties("lantian.dispatch.delivery")
public record DeliveryProperties(Boolean enabled, Duration pollInterval, Duration lease, Integer concurrency,
                                 Integer recordBatchSize, Integer maxAttempts, Duration initialBackoff, Double backoffMultiplier,
                                 Duration maxBackoff, Double jitter, Duration maxRetryAfter, Duration connectTimeout,
                                 Integer excerptChars, String publicBaseUrl) {

    public DeliveryProperties {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        concurrency = concurrency == null ? 64 : concurrency;
        recordBatchSize = recordBatchSize == null ? 500 : recordBatchSize;
        maxAttempts = maxAttempts == null ? 8 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(5) : initialBackoff;
        backoffMultiplier = backoffMultiplier == null ? 2.0 : backoffMultiplier;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        jitter = jitter == null ? 0.5 : jitter;
        maxRetryAfter = maxRetryAfter == null ? Duration.ofMinutes(10) : maxRetryAfter;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        excerptChars = excerptChars == null ? 500 : excerptChars;
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : publicBaseUrl.trim();
        if (concurrency < 1) {
            throw new IllegalArgumentException("lantian.dispatch.delivery.concurrency must be at least 1");
        }
        if (recordBatchSize < 1) {
            throw new IllegalArgumentException("lantian.dispatch.delivery.record-batch-size must be at least 1");
        }
    }

    public RetrySchedule retrySchedule() {
        return new RetrySchedule(maxAttempts, initialBackoff, backoffMultiplier, maxBackoff, jitter, maxRetryAfter);
    }
}
