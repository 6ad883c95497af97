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
 * @param batchers      batches applied at once (threads); each takes what has queued when it is free
 */
@ConfigurationProperties("lantian.dispatch.acks")
public record AckProperties(Integer maxBatch, Integer queueCapacity, Duration retryAfter, Integer batchers) {

    public AckProperties {
        maxBatch = maxBatch == null ? 256 : maxBatch;
        queueCapacity = queueCapacity == null ? 2048 : queueCapacity;
        retryAfter = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
        batchers = batchers == null ? 1 : batchers;
        if (maxBatch < 1 || queueCapacity < 1 || batchers < 1) {
            throw new IllegalArgumentException("lantian.dispatch.acks: max-batch, queue-capacity and batchers must be at least 1");
        }
    }
}
