package io.lantian.dispatch.notify;

import io.lantian.dispatch.DispatchApplication;
import io.lantian.dispatch.delivery.StandardWebhooksVerifier;
import io.lantian.dispatch.delivery.WebhookSecret;
import io.lantian.dispatch.notify.Notice.Audience;
import io.lantian.dispatch.notify.Notice.NoticeKind;
import io.lantian.dispatch.notify.RobotReceiver.Received;
import io.lantian.platform.ServiceApplication;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the dispatch service on one database, both sending: this test's context and another one
 * started beside it with the same channel. Every notice reaches the webhook exactly once, each region's
 * notices in exactly one message, though both instances group and send at the same time. The receiver holds
 * the first request until a second one is in flight — which only the other instance can send, as each sends
 * one at a time — so both provably took part.
 */
@SpringBootTest(properties = {"spring.config.name=" + DispatchApplication.NAME})
class NotificationReplicasTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final int REGIONS = 8;
    static final int PER_REGION = 3;
    static final String SECRET = WebhookSecret.generate();
    static final RobotReceiver receiver = new RobotReceiver();

    static String region(int i) {
        return "nt-replica-" + i + "-" + RUN;
    }

    /** The notify settings both instances run with. */
    static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lantian.dispatch.notify.poll-interval", "50ms");
        settings.put("lantian.dispatch.notify.burst-window", "500ms");
        settings.put("lantian.dispatch.notify.lease", "30s");
        settings.put("lantian.dispatch.notify.channels[0].name", "replica-hook");
        settings.put("lantian.dispatch.notify.channels[0].type", "WEBHOOK");
        settings.put("lantian.dispatch.notify.channels[0].url", receiver.url("/replicas"));
        settings.put("lantian.dispatch.notify.channels[0].secret", SECRET);
        for (int i = 0; i < REGIONS; i++) {
            settings.put("lantian.dispatch.notify.channels[0].regions[" + i + "]", region(i));
        }
        return settings;
    }

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.registerKafkaAndDatabase(registry);
        settings().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** Another instance of the service, sharing the database and the broker. */
    static ConfigurableApplicationContext anotherInstance() {
        TestInfra.Database db = TestInfra.database();
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfra.kafkaBootstrap(),
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--lantian.security.hmac-secret=" + TestTokens.secret()));
        settings().forEach((name, value) -> args.add("--" + name + "=" + value));
        return ServiceApplication.builder(DispatchApplication.class, DispatchApplication.NAME).run(args.toArray(String[]::new));
    }

    @Autowired
    Notices notices;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    @Test
    void twoInstancesSendingAtOnceSendEveryNoticeExactlyOnceAndEachRegionAsOneMessage() {
        CountDownLatch twoInFlight = new CountDownLatch(2);
        receiver.answering("/replicas", request -> {
            twoInFlight.countDown();
            try {
                twoInFlight.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new RobotReceiver.Answer(204, "");
        });
        try (ConfigurableApplicationContext second = anotherInstance()) {
            List<String> texts = new ArrayList<>();
            tx.executeWithoutResult(status -> {
                for (int r = 0; r < REGIONS; r++) {
                    for (int n = 0; n < PER_REGION; n++) {
                        String text = "replica notice " + r + "/" + n + " " + RUN;
                        texts.add(text);
                        notices.add(new Notice(NoticeKind.ESCALATION, Audience.DUTY_OFFICER, region(r), null,
                                "replica:" + RUN + ":" + r + ":" + n, text));
                    }
                }
            });

            await().atMost(Duration.ofSeconds(60)).until(() -> sentSends() == REGIONS);
            List<Received> requests = receiver.at("/replicas");
            assertThat(requests).as("one message per region").hasSize(REGIONS);
            assertThat(requests).allMatch(r -> StandardWebhooksVerifier.verify(SECRET, r.headers(), r.body(), Instant.now()));
            List<String> received = new ArrayList<>();
            List<String> regions = new ArrayList<>();
            for (Received request : requests) {
                JsonNode body = request.json();
                regions.add(body.get("regionId").asString());
                body.get("notices").forEach(n -> received.add(n.get("text").asString()));
            }
            assertThat(received).as("every notice exactly once").containsExactlyInAnyOrderElementsOf(texts);
            assertThat(regions).doesNotHaveDuplicates().hasSize(REGIONS);
            assertThat(jdbc.sql("select attempts from officer_message_send s join officer_message m on m.message_id = s.message_id"
                            + " where m.region_id like ?").param("nt-replica-%-" + RUN).query(Integer.class).list())
                    .hasSize(REGIONS).containsOnly(1);
            assertThat(twoInFlight.getCount()).as("two requests were in flight together").isZero();
            assertThat(jdbc.sql("select count(distinct s.sent_by) from officer_message_send s"
                            + " join officer_message m on m.message_id = s.message_id where m.region_id like ?")
                    .param("nt-replica-%-" + RUN).query(Integer.class).single()).as("instances that sent").isEqualTo(2);
        }
    }

    int sentSends() {
        return jdbc.sql("""
                        select count(*) from officer_message_send s join officer_message m on m.message_id = s.message_id
                        where m.region_id like ? and s.state = 'SENT'""")
                .param("nt-replica-%-" + RUN).query(Integer.class).single();
    }
}
