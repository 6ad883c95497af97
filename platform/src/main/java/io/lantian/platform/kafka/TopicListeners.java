package io.lantian.platform.kafka;

import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds listener containers for catalogued topics: the value type comes from the catalogue, a record that
 * cannot be deserialized does not block its partition, and a record whose handler keeps failing goes to
 * {@code <topic>-dlt} with the reason in its headers after a bounded number of retries. Delivery is
 * at-least-once (offset committed after the handler returns), so handlers must be idempotent.
 *
 * <p>Declare one as a bean; Spring starts and stops it with the context:
 * <pre>{@code @Bean ConcurrentMessageListenerContainer<String, ReadingAccepted> readings(TopicListeners l, Handler h) {
 *     return l.container(Topics.READINGS, "forecast-consult.readings", h::onReading);
 * }}</pre>
 */
public class TopicListeners {

    private final Supplier<Map<String, Object>> consumerProperties;
    private final CommonErrorHandler errorHandler;
    private final Consumer<DefaultKafkaConsumerFactory<?, ?>> customizer;
    private final Duration batchCommitInterval;

    /** @param batchCommitInterval how often a {@link #batchContainer} commits its offsets; zero = after every batch */
    public TopicListeners(Supplier<Map<String, Object>> consumerProperties, CommonErrorHandler errorHandler,
                          Consumer<DefaultKafkaConsumerFactory<?, ?>> customizer, Duration batchCommitInterval) {
        this.consumerProperties = consumerProperties;
        this.errorHandler = errorHandler;
        this.customizer = customizer;
        this.batchCommitInterval = batchCommitInterval;
    }

    public <V> ConcurrentMessageListenerContainer<String, V> container(Topic<String, V> topic, String groupId,
                                                                       Consumer<ConsumerRecord<String, V>> handler) {
        ContainerProperties containerProperties = new ContainerProperties(topic.name());
        containerProperties.setAckMode(ContainerProperties.AckMode.RECORD);
        containerProperties.setMessageListener((MessageListener<String, V>) handler::accept);
        return build(topic, groupId, containerProperties, 1);
    }

    /**
     * A container that hands the handler all records of one poll (in partition order), for handlers that do their
     * work set-wise in one transaction: offsets are committed after the handler returns for the whole batch. A record
     * that cannot be deserialized, or on which the handler keeps failing, still goes to the dead-letter topic alone
     * ({@link IsolatingBatchListener}); the records in front of it are handled and committed.
     *
     * <p>With {@code lantian.kafka.batch-commit-interval} above zero the offsets are committed at most that often
     * (after the batch that ends the interval, and whenever partitions are revoked or the container stops) instead
     * of after every batch. A consumer that keeps up polls small batches, and a commit after each is a round trip to
     * the group coordinator, and a write to its log, for a handful of records. The price is the records of at most
     * one interval handled again after a crash: the handlers are idempotent anyway.
     *
     * @param concurrency consumer threads (at most one per partition is busy; beyond the partition count they idle)
     */
    public <V> ConcurrentMessageListenerContainer<String, V> batchContainer(Topic<String, V> topic, String groupId,
                                                                            int concurrency,
                                                                            Consumer<List<ConsumerRecord<String, V>>> handler) {
        ContainerProperties containerProperties = new ContainerProperties(topic.name());
        if (batchCommitInterval.isZero()) {
            containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
        } else {
            containerProperties.setAckMode(ContainerProperties.AckMode.TIME);
            containerProperties.setAckTime(batchCommitInterval.toMillis());
        }
        containerProperties.setMessageListener(new IsolatingBatchListener<>(handler));
        ConcurrentMessageListenerContainer<String, V> container = build(topic, groupId, containerProperties, concurrency);
        return container;
    }

    private <V> ConcurrentMessageListenerContainer<String, V> build(Topic<String, V> topic, String groupId,
                                                                    ContainerProperties containerProperties, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        Map<String, Object> props = new HashMap<>(consumerProperties.get());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        JacksonJsonDeserializer<V> json = new JacksonJsonDeserializer<>(topic.valueType(), EventJson.mapper(), false);
        json.setUseTypeHeaders(false);
        DefaultKafkaConsumerFactory<String, V> factory = new DefaultKafkaConsumerFactory<>(props,
                new ErrorHandlingDeserializer<>(new StringDeserializer()), new ErrorHandlingDeserializer<>(json));
        customizer.accept(factory);

        containerProperties.setObservationEnabled(false);
        ConcurrentMessageListenerContainer<String, V> container =
                new ConcurrentMessageListenerContainer<>(factory, containerProperties);
        container.setConcurrency(concurrency);
        container.setCommonErrorHandler(errorHandler);
        container.setBeanName(groupId + "@" + topic.name());
        return container;
    }
}
