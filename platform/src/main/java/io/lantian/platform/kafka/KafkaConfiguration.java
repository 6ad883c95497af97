package io.lantian.platform.kafka;

import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topic;
import io.lantian.common.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.FixedBackOff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kafka for every service: one producer (JSON values by the shared event mapping, raw bytes for records
 * forwarded to dead-letter topics and for outbox payloads), the catalogue's topics and their dead-letter
 * topics as {@code NewTopic}s, the error handler with bounded back-off, and a Kafka health indicator.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaProperties.class, KafkaPlatformProperties.class})
public class KafkaConfiguration {

    @Bean
    ProducerFactory<String, Object> kafkaProducerFactory(KafkaProperties properties,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
        JacksonJsonSerializer<Object> json = new JacksonJsonSerializer<>(EventJson.mapper());
        json.setAddTypeInfo(false);
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(
                properties.buildProducerProperties(), new StringSerializer(), new EventValueSerializer(json));
        customizers.orderedStream().forEach(c -> c.customize(factory));
        return factory;
    }

    @Bean
    KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, Object> kafkaTemplate,
                                  @Value("${spring.application.name}") String applicationName) {
        return new EventPublisher(kafkaTemplate, "/lantian/" + applicationName);
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, Object> kafkaTemplate,
                                          KafkaPlatformProperties properties, MeterRegistry meters) {
        // same partition in the DLT (it has the same partition count), so the key's order is kept there too
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, ex) -> new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
            meters.counter("lantian_kafka_dead_letters", "topic", record.topic()).increment();
            deadLetters.accept(record, reason(ex));
        }, new FixedBackOff(properties.retryInterval().toMillis(), properties.retryAttempts()));
        return handler;
    }

    /**
     * What the dead-letter headers name: for a batch listener the cause the listener gave for the failing record
     * (its {@link BatchListenerFailedException} only says which record it was), else the exception as thrown.
     */
    static Exception reason(Exception ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BatchListenerFailedException failed && failed.getCause() instanceof Exception cause) {
                return cause;
            }
        }
        return ex;
    }

    @Bean
    TopicListeners topicListeners(KafkaProperties properties, KafkaPlatformProperties platform,
                                  DefaultErrorHandler kafkaErrorHandler,
                                  ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers) {
        return new TopicListeners(properties::buildConsumerProperties, kafkaErrorHandler,
                factory -> customizers.orderedStream().forEach(c -> c.customize(factory)), platform.batchCommitInterval());
    }

    /** Every catalogued topic and its dead-letter topic; creating them is idempotent, so each service declares all. */
    @Bean
    KafkaAdmin.NewTopics catalogueTopics(KafkaPlatformProperties properties) {
        List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
        for (Topic<?, ?> topic : Topics.ALL) {
            TopicBuilder builder = TopicBuilder.name(topic.name()).partitions(topic.partitions());
            if (properties.replicationFactor() != null) {
                builder.replicas(properties.replicationFactor());
            }
            if (topic.compacted()) {
                builder.compact();
            } else {
                builder.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topic.retention().toMillis()));
            }
            topics.add(builder.build());
            TopicBuilder dlt = TopicBuilder.name(topic.deadLetterName()).partitions(topic.partitions())
                    .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(java.time.Duration.ofDays(30).toMillis()));
            if (properties.replicationFactor() != null) {
                dlt.replicas(properties.replicationFactor());
            }
            topics.add(dlt.build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    @Bean(name = "kafkaHealthIndicator", destroyMethod = "close")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }
}
