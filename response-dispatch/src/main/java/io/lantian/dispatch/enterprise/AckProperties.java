package io.lantian.dispatch.enterprise;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How acknowledgements are committed together ({@code lantian.dispatch.acks}; docs/dispatch.md, "Acknowledgements
 * in batches").
 *
 * @param maxBatch      the most acknowledgements applied in one transaction
 * @param queueCapacity acknowledgements waiting for a batch at most; beyond it a request is answered 503
 * @param retryAfter    the Retry-After of that 503 (whole seconds, at least 1)
 */
@ConfigurationProperties("lantian.dispatch.acks")
public record AckProperties(Integer maxBatch, Integer queueCapacity, Duration retryAfter) {

    public AckProperties {
        maxBatch = maxBatch == null ? 256 : maxBatch;
        queueCapacity = queueCapacity == null ? 2048 : queueCapacity;
        retryAfter = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
        if (maxBatch < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("lantian.dispatch.acks: max-batch and queue-capacity must be at least 1");
        }
    }
}
