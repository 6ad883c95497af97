package io.lantian.consult;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.platform.ServiceApplication;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station alert goes out when the transaction that decided it commits, not at the outbox relay's next poll: with
 * the poll set to an hour (it runs once at the start), only the wake-up after the commit can publish it. A database
 * and consumer groups of its own, so nothing else publishes from that outbox.
 */
class OutboxWakeUpTest {

    @Test
    void aStationAlertIsPublishedRightAfterItsTransactionCommitsWithoutWaitingForThePoll() throws Exception {
        TestInfra.Database database = TestInfra.freshDatabase("outbox_wake_up");
        String group = "outbox-wake-up-" + UUID.randomUUID();
        String station = "WAKE-" + UUID.randomUUID().toString().substring(0, 8);
        String region = "region-" + UUID.randomUUID();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        try (ConfigurableApplicationContext service = ServiceApplication.builder(ConsultApplication.class, ConsultApplication.NAME).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfra.kafkaBootstrap(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--lantian.security.hmac-secret=" + TestTokens.secret(),
                "--lantian.outbox.poll-interval=1h",
                "--lantian.consult.alerts.consumer-group=" + group,
                "--lantian.consult.region-aqi.consumer-group=" + group + "-region-aqi");
             TopicProbe alerts = new TopicProbe(Topics.STATION_ALERTS.name())) {
            // PM2.5 200 µg/m³ is above the default threshold of 150: raised at once (raise-after 1)
            ReadingAccepted reading = new ReadingAccepted(ReadingAccepted.naturalKey(station, Pollutant.PM2_5, hour, Duration.ofHours(1)),
                    station, region, Pollutant.PM2_5, 200, "µg/m³", hour, Duration.ofHours(1), ReadingAccepted.Source.HTTP,
                    List.of(), Instant.now());
            service.getBean(EventPublisher.class).publish(Topics.READINGS, station, reading).get();

            ConsumerRecord<String, String> raised = alerts.awaitRecord(r -> station.equals(r.key()), Duration.ofSeconds(60));
            assertThat(raised.value()).contains("\"status\":\"RAISED\"").contains("\"rule\":\"THRESHOLD\"");
        }
    }
}
