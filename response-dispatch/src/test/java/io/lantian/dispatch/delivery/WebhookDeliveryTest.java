package io.lantian.dispatch.delivery;

import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topics;
import io.lantian.dispatch.DispatchTestSupport;
import io.lantian.dispatch.delivery.RecordingReceiver.Answer;
import io.lantian.dispatch.delivery.RecordingReceiver.Received;
import io.lantian.dispatch.list.StoredWebhookSecrets;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Orders pushed to real local HTTP receivers, on the real broker and PostgreSQL: signing, retries with
 * Retry-After, the time limit, undeliverable and re-send, superseded revisions, lease expiry, test orders.
 * Short back-offs and four attempts, so a failing endpoint is given up within a second or two.
 */
@TestPropertySource(properties = {
        "lantian.dispatch.delivery.poll-interval=100ms",
        "lantian.dispatch.delivery.max-attempts=4",
        "lantian.dispatch.delivery.initial-backoff=100ms",
        "lantian.dispatch.delivery.max-backoff=300ms",
        "lantian.dispatch.delivery.lease=20s",
        "lantian.dispatch.delivery.public-base-url=https://dispatch.test.example/",
        "resilience4j.timelimiter.configs.webhook.timeout-duration=2s",
        "resilience4j.bulkhead.configs.webhook.max-wait-duration=1s",
        // these tests are about retries; the breaker has WebhookCircuitBreakerTest
        "resilience4j.circuitbreaker.configs.webhook.sliding-window-size=1000",
        "resilience4j.circuitbreaker.configs.webhook.minimum-number-of-calls=1000"})
class WebhookDeliveryTest extends DispatchTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    StoredWebhookSecrets secrets;
    @Autowired
    DeliveryWorker worker;

    WebhookEnterprises region;
    RecordingReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        region = new WebhookEnterprises(jdbc, publisher, secrets);
        receiver = new RecordingReceiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    JsonNode deliveries(String orderId) {
        var response = api.get("/api/v1/orders/" + orderId + "/deliveries", TestTokens.officer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static JsonNode body(Received request) {
        return EventJson.mapper().readTree(request.body());
    }

    static boolean verifies(String secret, Received request) {
        return StandardWebhooksVerifier.verify(secret, request.headers(), request.body(), Instant.now());
    }

    @Test
    void anOrderRevisionIsPushedSignedWithBothRotatingSecretsAndMarkedDeliveredOnce() throws Exception {
        String oldSecret = WebhookSecret.generate();
        String newSecret = WebhookSecret.generate();
        String enterprise = region.add(receiver.url(), oldSecret + " " + newSecret);
        String warningId;
        String orderId;
        try (TopicProbe events = new TopicProbe(Topics.ORDER_EVENTS.name())) {
            warningId = region.issue(WarningLevel.ORANGE);
            orderId = region.awaitOrders(warningId, 1, 1).get(0);
            await().atMost(WAIT).until(() -> region.status(orderId).equals("DELIVERED"));
            events.awaitRecord(r -> r.value().contains(orderId) && r.value().contains("\"status\":\"DELIVERED\""), WAIT);
        }

        assertThat(receiver.received()).hasSize(1);
        Received request = receiver.received().get(0);
        assertThat(request.id()).isEqualTo(orderId + ".r1");
        assertThat(request.headers().get("content-type")).startsWith("application/json");
        assertThat(Long.parseLong(request.headers().get("webhook-timestamp"))).isCloseTo(request.at().getEpochSecond(), within(2L));
        assertThat(request.headers().get("webhook-signature").split(" ")).as("one signature per secret").hasSize(2);
        assertThat(verifies(oldSecret, request)).as("verifies with the old secret").isTrue();
        assertThat(verifies(newSecret, request)).as("verifies with the new secret").isTrue();
        assertThat(verifies(WebhookSecret.generate(), request)).as("not with any other").isFalse();

        JsonNode body = body(request);
        assertThat(body.get("type").asString()).isEqualTo("order.issued");
        assertThat(body.get("timestamp").asString()).isNotBlank();
        JsonNode data = body.get("data");
        assertThat(data.get("orderId").asString()).isEqualTo(orderId);
        assertThat(data.get("warningId").asString()).isEqualTo(warningId);
        assertThat(data.get("revision").asInt()).isEqualTo(1);
        assertThat(data.get("enterpriseId").asString()).isEqualTo(enterprise);
        assertThat(data.get("level").asString()).isEqualTo("ORANGE");
        assertThat(data.get("mode").asString()).isEqualTo("MANDATORY");
        assertThat(data.get("measures").get(0).asString()).isEqualTo("烧结工序限产 30%");
        assertThat(data.get("ackDeadline").asString()).isNotBlank();
        assertThat(data.get("test").asBoolean()).isFalse();
        JsonNode answer = data.get("answer");
        assertThat(answer.get("ackUrl").asString()).isEqualTo("https://dispatch.test.example/api/v1/enterprise/orders/" + orderId + "/ack");
        assertThat(answer.get("idempotencyKey").asString()).isEqualTo(orderId + ".r1");

        assertThat(region.historyCount(orderId, "DELIVERED")).isEqualTo(1);
        assertThat(region.eventCount(orderId, 1, "DELIVERED")).isEqualTo(1);
        JsonNode log = deliveries(orderId);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("state").asString()).isEqualTo("DELIVERED");
        assertThat(log.get(0).get("webhookId").asString()).isEqualTo(orderId + ".r1");
        assertThat(log.get(0).get("attempts").asInt()).isEqualTo(1);
        JsonNode attempt = log.get(0).get("log").get(0);
        assertThat(attempt.get("outcome").asString()).isEqualTo("DELIVERED");
        assertThat(attempt.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(attempt.get("latencyMs").asLong()).isNotNegative();
        assertThat(attempt.get("responseExcerpt").asString()).isEqualTo("{\"received\":true}");
        assertThat(attempt.get("decision").asString()).isEqualTo("DELIVERED");

        // the enterprise answers through the API with the key the message suggests
        var ack = api.postJson(new java.net.URI(answer.get("ackUrl").asString()).getPath(), TestTokens.enterprise(enterprise),
                "{\"revision\":1}", Map.of("Idempotency-Key", answer.get("idempotencyKey").asString()));
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().get("status").asString()).isEqualTo("ACKNOWLEDGED");

        // a changed warning: the new revision is pushed as order.revised, signed anew, and delivered once
        region.warn(warningId, 2, Action.CHANGED, WarningLevel.RED);
        await().atMost(WAIT).until(() -> region.deliveryState(orderId, 2).equals("DELIVERED")
                && region.status(orderId).equals("DELIVERED"));
        assertThat(receiver.received()).hasSize(2);
        Received revised = receiver.receivedFor(orderId + ".r2").get(0);
        assertThat(verifies(newSecret, revised)).isTrue();
        assertThat(body(revised).get("type").asString()).isEqualTo("order.revised");
        assertThat(body(revised).get("data").get("revision").asInt()).isEqualTo(2);
        assertThat(body(revised).get("data").get("measures").get(0).asString()).isEqualTo("烧结工序停产");
        assertThat(region.eventCount(orderId, 2, "DELIVERED")).isEqualTo(1);

        String metrics = api.get("/actuator/prometheus", null).body();
        assertThat(metrics).containsPattern("lantian_order_deliveries_total\\{[^}]*result=\"delivered\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("lantian_order_delivery_attempts_total\\{[^}]*outcome=\"delivered\"");
        assertThat(metrics).contains("lantian_order_delivery_latency_seconds_count{");
        assertThat(metrics).doesNotContain(enterprise).doesNotContain("127.0.0.1:" + receiver.url().split(":")[2].split("/")[0]);
    }

    @Test
    void retriesObeyRetryAfterAndEveryAttemptIsSignedAnewForTheSameBody() throws Exception {
        String secret = WebhookSecret.generate();
        AtomicInteger calls = new AtomicInteger();
        receiver.answering(request -> switch (calls.incrementAndGet()) {
            case 1 -> new Answer(429, Map.of("Retry-After", "1"), "slow down");
            case 2 -> new Answer(429, Map.of("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(Instant.now().plusSeconds(2).atOffset(ZoneOffset.UTC))), "slow down, by date");
            default -> Answer.of(202, "");
        });
        region.add(receiver.url(), secret);
        String orderId = region.awaitOrders(region.issue(WarningLevel.YELLOW), 1, 1).get(0);
        await().atMost(WAIT).until(() -> region.status(orderId).equals("DELIVERED"));

        List<Received> attempts = receiver.received();
        assertThat(attempts).hasSize(3);
        assertThat(RecordingReceiver.ids(attempts)).containsOnly(orderId + ".r1");
        assertThat(attempts).allMatch(request -> verifies(secret, request));
        assertThat(attempts).extracting(Received::text).as("the same bytes each time").containsOnly(attempts.get(0).text());
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).as("Retry-After: 1")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).as("Retry-After: a date 2 s ahead")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(attempts).extracting(r -> r.headers().get("webhook-signature")).as("re-signed: new timestamp, new signature")
                .doesNotHaveDuplicates();

        JsonNode log = deliveries(orderId).get(0).get("log");
        assertThat(log).extracting(a -> a.get("outcome").asString()).containsExactly("RATE_LIMITED", "RATE_LIMITED", "DELIVERED");
        assertThat(log.get(0).get("retryAfterMs").asLong()).isEqualTo(1000);
        assertThat(log.get(0).get("decision").asString()).isEqualTo("RETRY");
        assertThat(log.get(0).get("responseExcerpt").asString()).isEqualTo("slow down");
        assertThat(log.get(1).get("retryAfterMs").asLong()).isBetween(1L, 2000L);
        assertThat(log.get(2).get("httpStatus").asInt()).isEqualTo(202);
    }

    @Test
    void anEndpointThatKeepsFailingMakesTheOrderUndeliverableAndAnOfficerCanResendIt() throws Exception {
        receiver.answering(request -> Answer.of(503, "maintenance"));
        String enterprise = region.add(receiver.url(), WebhookSecret.generate());
        String orderId;
        try (TopicProbe events = new TopicProbe(Topics.ORDER_EVENTS.name())) {
            orderId = region.awaitOrders(region.issue(WarningLevel.RED), 1, 1).get(0);
            await().atMost(WAIT).until(() -> region.status(orderId).equals("UNDELIVERABLE"));
            events.awaitRecord(r -> r.value().contains(orderId) && r.value().contains("\"status\":\"UNDELIVERABLE\""), WAIT);
        }
        // bounded: four attempts and no more
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 4);
        assertThat(region.historyCount(orderId, "UNDELIVERABLE")).isEqualTo(1);
        JsonNode delivery = deliveries(orderId).get(0);
        assertThat(delivery.get("state").asString()).isEqualTo("UNDELIVERABLE");
        assertThat(delivery.get("lastError").asString()).isEqualTo("SERVER_ERROR (HTTP 503)");
        assertThat(delivery.get("log")).extracting(a -> a.get("decision").asString())
                .containsExactly("RETRY", "RETRY", "RETRY", "UNDELIVERABLE");
        assertThat(delivery.get("log")).extracting(a -> a.get("responseExcerpt").asString()).containsOnly("maintenance");
        // the counts above hold because this context's worker is the only one running: the test framework
        // pauses the cached contexts of other test classes (Spring Framework 7), and with them their workers
        assertThat(delivery.get("log")).extracting(a -> a.get("instance").asString()).containsOnly(worker.instance());

        assertThat(api.postJson("/api/v1/orders/" + orderId + "/redeliver", TestTokens.enterprise(enterprise), "").status())
                .isEqualTo(403);
        var unknown = api.postJson("/api/v1/orders/" + UUID.randomUUID() + "/redeliver", TestTokens.officer(), "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asString()).isEqualTo("urn:lantian:problem:not-found");

        receiver.answering(request -> Answer.of(200, "back"));
        var resend = api.postJson("/api/v1/orders/" + orderId + "/redeliver", TestTokens.officer(), "");
        assertThat(resend.status()).as(resend.body()).isEqualTo(202);
        assertThat(resend.raw().headers().firstValue("Location")).contains("/api/v1/orders/" + orderId + "/deliveries");
        await().atMost(WAIT).until(() -> region.status(orderId).equals("DELIVERED"));

        assertThat(receiver.received()).hasSize(5);
        assertThat(receiver.received().get(4).id()).as("the same message: the same webhook-id").isEqualTo(orderId + ".r1");
        JsonNode resent = deliveries(orderId).get(0);
        assertThat(resent.get("attempts").asInt()).isEqualTo(5);
        assertThat(resent.get("log").get(4).get("outcome").asString()).isEqualTo("DELIVERED");
        assertThat(jdbc.sql("select actor from order_history where order_id = ? and status = 'REDELIVERY_REQUESTED'")
                .param(UUID.fromString(orderId)).query(String.class).list()).containsExactly("officer-zhang");
        assertThat(region.eventCount(orderId, 1, "DELIVERED")).isEqualTo(1);
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        // the signed order must reach the registered URL only, never wherever an answer points
        try (RecordingReceiver elsewhere = new RecordingReceiver()) {
            receiver.answering(request -> new Answer(302, Map.of("Location", elsewhere.url()), ""));
            region.add(receiver.url(), WebhookSecret.generate());
            String orderId = region.awaitOrders(region.issue(WarningLevel.YELLOW), 1, 1).get(0);
            await().atMost(WAIT).until(() -> region.status(orderId).equals("UNDELIVERABLE"));

            JsonNode log = deliveries(orderId).get(0).get("log");
            assertThat(log).isNotEmpty().allSatisfy(attempt -> {
                assertThat(attempt.get("httpStatus").asInt()).isEqualTo(302);
                assertThat(attempt.get("outcome").asString()).isEqualTo("CLIENT_ERROR");
            });
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    @Test
    void aReceiverThatTricklesItsAnswerIsCutOffByTheTimeLimitNotJustTheSocketTimeout() throws Exception {
        // a byte every 300 ms keeps the socket's read timeout from ever firing: only the whole-request time
        // limit (2 s here) ends the attempt; the second attempt is answered at once
        AtomicInteger calls = new AtomicInteger();
        receiver.answering(request -> calls.incrementAndGet() == 1
                ? Answer.trickling(200, "x".repeat(50), Duration.ofMillis(300))
                : Answer.of(200, "ok"));
        deliveredAfterATimeout();
    }

    /** One order to the receiver: its first attempt ends at the 2-s time limit, its second is delivered. */
    void deliveredAfterATimeout() throws Exception {
        region.add(receiver.url(), WebhookSecret.generate());
        String orderId = region.awaitOrders(region.issue(WarningLevel.YELLOW), 1, 1).get(0);
        await().atMost(WAIT).until(() -> region.status(orderId).equals("DELIVERED"));

        JsonNode log = deliveries(orderId).get(0).get("log");
        assertThat(log).extracting(a -> a.get("outcome").asString()).containsExactly("TIMEOUT", "DELIVERED");
        assertThat(log.get(0).get("latencyMs").asLong()).isBetween(1900L, 5000L);
        assertThat(log.get(0).get("httpStatus").isNull()).isTrue();
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsCutOffByTheTimeLimit() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        receiver.answering(request -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    never.await(15, TimeUnit.SECONDS); // hangs far beyond the 2 s time limit
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Answer.of(200, "ok");
        });
        try {
            deliveredAfterATimeout();
        } finally {
            never.countDown();
        }
    }

    @Test
    void aRevisionSupersededBeforeItWasDeliveredIsDroppedForTheNewOne() throws Exception {
        receiver.answering(request -> request.id().endsWith(".r1")
                ? new Answer(429, Map.of("Retry-After", "120"), "later") : Answer.of(200, "ok"));
        region.add(receiver.url(), WebhookSecret.generate());
        String warningId = region.issue(WarningLevel.YELLOW);
        String orderId = region.awaitOrders(warningId, 1, 1).get(0);
        await().atMost(WAIT).until(() -> receiver.receivedFor(orderId + ".r1").size() == 1
                && region.deliveryState(orderId, 1).equals("PENDING"));

        region.warn(warningId, 2, Action.CHANGED, WarningLevel.ORANGE);
        await().atMost(WAIT).until(() -> region.deliveryState(orderId, 2).equals("DELIVERED"));

        assertThat(region.deliveryState(orderId, 1)).isEqualTo("DROPPED");
        JsonNode dropped = deliveries(orderId).get(0);
        assertThat(dropped.get("revision").asInt()).isEqualTo(1);
        assertThat(dropped.get("lastError").asString()).isEqualTo("superseded by revision 2");
        assertThat(receiver.receivedFor(orderId + ".r1")).as("not sent again").hasSize(1);
        assertThat(receiver.receivedFor(orderId + ".r2")).hasSize(1);
        assertThat(body(receiver.receivedFor(orderId + ".r2").get(0)).get("type").asString()).isEqualTo("order.revised");
        assertThat(region.status(orderId)).isEqualTo("DELIVERED");

        region.warn(warningId, 3, Action.CANCELLED, WarningLevel.ORANGE);
        await().atMost(WAIT).until(() -> region.status(orderId).equals("CANCELLED"));
        var closed = api.postJson("/api/v1/orders/" + orderId + "/redeliver", TestTokens.officer(), "");
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().get("type").asString()).isEqualTo("urn:lantian:problem:order-closed");
    }

    @Test
    void aDeliveryAbandonedByACrashedReplicaIsSentAgainOnceItsLeaseRunsOut() throws Exception {
        String secret = WebhookSecret.generate();
        // a pull enterprise first, so that the worker leaves its order alone while the test sets the scene
        String enterprise = region.add("PULL", receiver.url(), secret);
        String warningId = region.issue(WarningLevel.YELLOW);
        String orderId = region.awaitOrders(warningId, 1, 1).get(0);
        WebhookMessage message = WebhookMessage.forOrder(orderId, warningId, 1, enterprise, region.regionId, "YELLOW",
                "MANDATORY", List.of("烧结工序限产 30%"), null, true, null, Instant.now());
        // another replica claimed attempt 1 and died while sending: IN_FLIGHT, its lease running out in 2 s
        Timestamp leaseEnds = jdbc.sql("""
                        insert into delivery (delivery_id, order_id, revision, enterprise_id, event_type, message_id, payload,
                          state, attempts, lease_until, leased_by)
                        values (?, ?, 1, ?, ?, ?, ?, 'IN_FLIGHT', 1, now() + interval '2 seconds', 'crashed-replica')
                        returning lease_until""")
                .params(UUID.randomUUID(), UUID.fromString(orderId), enterprise, message.type(), message.id(), message.body())
                .query(Timestamp.class).single();
        jdbc.sql("update enterprise set delivery_mode = 'WEBHOOK' where enterprise_id = ?").param(enterprise).update();

        await().atMost(WAIT).until(() -> region.status(orderId).equals("DELIVERED"));
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().get(0).at()).as("not before the lease ran out").isAfterOrEqualTo(leaseEnds.toInstant());
        assertThat(verifies(secret, receiver.received().get(0))).isTrue();
        JsonNode delivery = deliveries(orderId).get(0);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
        JsonNode attempt = delivery.get("log").get(0);
        assertThat(attempt.get("attempt").asInt()).as("the crashed attempt counted").isEqualTo(2);
        assertThat(attempt.get("instance").asString()).isNotEqualTo("crashed-replica");
        assertThat(region.historyCount(orderId, "DELIVERED")).isEqualTo(1);
    }

    @Test
    void anOfficerSendsATestOrderThatIsNoRealOrder() throws Exception {
        String secret = WebhookSecret.generate();
        String enterprise = region.add(receiver.url(), secret);

        var sent = api.postJson("/api/v1/enterprises/" + enterprise + "/test-order", TestTokens.officer(), "");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().get("test").asBoolean()).isTrue();
        assertThat(sent.json().get("type").asString()).isEqualTo("order.test");
        String testOrderId = sent.json().get("orderId").asString();
        String location = sent.raw().headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/api/v1/orders/" + testOrderId + "/deliveries");
        await().atMost(WAIT).until(() -> "DELIVERED".equals(deliveries(testOrderId).get(0).get("state").asString()));

        Received request = receiver.received().get(0);
        assertThat(receiver.received()).hasSize(1);
        assertThat(request.id()).isEqualTo(testOrderId + ".r1");
        assertThat(verifies(secret, request)).isTrue();
        assertThat(body(request).get("type").asString()).isEqualTo("order.test");
        assertThat(body(request).get("data").get("test").asBoolean()).isTrue();
        assertThat(body(request).get("data").get("mode").asString()).isEqualTo("EXEMPT");
        assertThat(jdbc.sql("select count(*) from curtailment_order where order_id = ?").param(UUID.fromString(testOrderId))
                .query(Integer.class).single()).as("no real order").isZero();
        assertThat(jdbc.sql("select count(*) from outbox where payload like ?").param("%" + testOrderId + "%")
                .query(Integer.class).single()).as("no order event").isZero();
        var again = api.postJson("/api/v1/orders/" + testOrderId + "/redeliver", TestTokens.officer(), "");
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received().get(1).id()).isEqualTo(testOrderId + ".r1");

        String pull = region.add("PULL", null, null);
        var refused = api.postJson("/api/v1/enterprises/" + pull + "/test-order", TestTokens.officer(), "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:lantian:problem:delivery-not-configured");
        String noSecret = region.add(receiver.url(), null);
        assertThat(api.postJson("/api/v1/enterprises/" + noSecret + "/test-order", TestTokens.officer(), "").json()
                .get("detail").asString()).isEqualTo("the enterprise has no webhook secret");
        assertThat(api.postJson("/api/v1/enterprises/NO-SUCH-ENTERPRISE/test-order", TestTokens.officer(), "").status())
                .isEqualTo(404);
        assertThat(api.postJson("/api/v1/enterprises/" + enterprise + "/test-order", TestTokens.enterprise(enterprise), "")
                .status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/enterprises/" + enterprise + "/test-order", null, "").status()).isEqualTo(401);
        var none = api.get("/api/v1/orders/" + UUID.randomUUID() + "/deliveries", TestTokens.officer());
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("type").asString()).isEqualTo("urn:lantian:problem:not-found");
        assertThat(api.get("/api/v1/orders/" + testOrderId + "/deliveries", TestTokens.enterprise(enterprise)).status())
                .isEqualTo(403);
    }
}
