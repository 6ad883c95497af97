package io.lantian.platform.kafka;

import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topic;
import io.lantian.testing.TestInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code lantian.kafka.batch-commit-interval}: a batch consumer commits after every batch by default, and with an
 * interval only once it has passed — or when the container stops — on a real broker.
 */
class BatchCommitIntervalTest {

    public record Note(String text) {
    }

    private static Admin admin;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        admin.close();
    }

    /** The test's container, stopped after it even when an assertion failed. */
    private Run run;

    @AfterEach
    void stopContainer() {
        if (run != null) {
            run.container.stop();
        }
    }

    @Test
    void byDefaultEachBatchIsCommittedBeforeTheNextIsPolled() throws Exception {
        run = new Run(Duration.ZERO);
        run.handleTwoBatches();
        // the first batch's offset was committed before the poll that returned the second
        assertThat(run.committed()).isGreaterThanOrEqualTo(1L);
    }

    @Test
    void withAnIntervalBatchesAreNotCommittedUntilItPassesOrTheContainerStops() throws Exception {
        run = new Run(Duration.ofHours(1));
        run.handleTwoBatches();
        assertThat(run.committed()).as("committed offset within the interval").isNull();

        run.container.stop();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(run.committed()).isEqualTo(2L));
    }

    /** A batch container on a fresh topic and group. */
    private static final class Run {

        final Topic<String, Note> topic = new Topic<>("test.batch-commit." + UUID.randomUUID(), String.class, Note.class, 1,
                Duration.ofDays(1), "test.note");
        final String group = "test.batch-commit." + UUID.randomUUID();
        final List<Note> handled = new CopyOnWriteArrayList<>();
        final ConcurrentMessageListenerContainer<String, Note> container;

        Run(Duration interval) throws Exception {
            admin.createTopics(List.of(new NewTopic(topic.name(), 1, (short) 1))).all().get();
            TopicListeners listeners = new TopicListeners(() -> Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new DefaultErrorHandler(), factory -> { }, interval);
            container = listeners.batchContainer(topic, group, 1, records -> records.forEach(r -> handled.add(r.value())));
            container.start();
        }

        /** One record, handled; then another, handled: two batches, the second polled after the first returned. */
        void handleTwoBatches() throws Exception {
            send("first");
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 1);
            send("second");
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 2);
            assertThat(handled).extracting(Note::text).containsExactly("first", "second");
        }

        private void send(String text) throws Exception {
            producer.send(new ProducerRecord<>(topic.name(), "key", EventJson.mapper().writeValueAsString(new Note(text)))).get();
        }

        Long committed() throws Exception {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic.name(), 0));
            return offset == null ? null : offset.offset();
        }
    }
}
