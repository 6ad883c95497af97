package io.lantian.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local stack's broker: a real KRaft broker in a child process, on loopback, stopped cleanly. */
class LocalBrokerTest {

    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }


    @Test
    void startsCarriesARecordAndStopsFreeingItsPorts() throws Exception {
        int port = freePort();
        int controller = freePort();
        try (LocalBroker broker = new LocalBroker(dir, port, controller).start()) {
            assertThat(broker.bootstrap()).isEqualTo("127.0.0.1:" + port);
            Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrap());
            try (Admin admin = Admin.create(client)) {
                admin.createTopics(List.of(new NewTopic("smoke", 1, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("smoke", "k", "hello")).get();
            }
            AtomicReference<String> received = new AtomicReference<>();
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrap(),
                    "group.id", "smoke", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("smoke"));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    records.forEach(r -> received.set(r.value()));
                    return received.get() != null;
                });
            }
            assertThat(received.get()).isEqualTo("hello");
        }
        assertThat(LocalBroker.portInUse(port)).as("broker port released after stop").isFalse();
        assertThat(LocalBroker.portInUse(controller)).as("controller port released after stop").isFalse();
    }

    @Test
    void refusesToStartOnATakenPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            LocalBroker broker = new LocalBroker(dir, taken.getLocalPort(), freePort());
            org.assertj.core.api.Assertions.assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is taken");
        }
    }
}
