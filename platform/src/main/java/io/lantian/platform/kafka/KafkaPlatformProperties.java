package io.lantian.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param retryInterval pause between attempts at a failing record
 * @param retryAttempts attempts after the first before the record goes to {@code <topic>-dlt}
 * @param replicationFactor replicas of the topics a service declares; empty = broker default
 * @param batchCommitInterval how often a batch consumer ({@link TopicListeners#batchContainer}) commits its offsets;
 *                            zero = after every poll's batch
 */
@ConfigurationProperties("lantian.kafka")
public record KafkaPlatformProperties(Duration retryInterval, Integer retryAttempts, Short replicationFactor,
                                      Duration batchCommitInterval) {

    public KafkaPlatformProperties {
        retryInterval = retryInterval == null ? Duration.ofMillis(500) : retryInterval;
        retryAttempts = retryAttempts == null ? 2 : retryAttempts;
        batchCommitInterval = batchCommitInterval == null ? Duration.ZERO : batchCommitInterval;
        if (batchCommitInterval.isNegative()) {
            throw new IllegalArgumentException("lantian.kafka.batch-commit-interval must not be negative, was " + batchCommitInterval);
        }
    }
}
