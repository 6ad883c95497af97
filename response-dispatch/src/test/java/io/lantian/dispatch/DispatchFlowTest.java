package io.lantian.dispatch;

import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.testing.ApiClient;
import io.lantian.testing.JsonArrays;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** response-dispatch on the real broker and PostgreSQL: warning in, orders, acknowledgements. */
@TestPropertySource(properties = {
        "lantian.dispatch.reduction-list.seed-file=classpath:demo/mengjin-reduction-list-2026.json"})
class DispatchFlowTest extends DispatchTestSupport {

    static final String REFRACTORY = "91410308MA9F0001K3";
    static final String FOUNDRY = "91410308MA9F0002L7";
    static final String PRINTER = "91410308MA9F0005PK";

    String issueWarning(WarningLevel level) throws Exception {
        String warningId = UUID.randomUUID().toString();
        publish(new WarningEvent(warningId, 1, "mengjin", Action.ISSUED, level, Instant.now(), "test", "officer-zhang", Instant.now()));
        return warningId;
    }

    void publish(WarningEvent warning) throws Exception {
        publisher.publish(Topics.WARNINGS, warning.regionId(), warning).get();
    }

    JsonNode ordersOf(String warningId) {
        var response = api.get("/api/v1/orders?warningId=" + warningId, TestTokens.officer());
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    JsonNode awaitOrders(String warningId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ordersOf(warningId).size() == count);
        return ordersOf(warningId);
    }

    static JsonNode orderOf(JsonNode orders, String enterpriseId) {
        return JsonArrays.firstWhere(orders, "enterpriseId", enterpriseId);
    }

    @Test
    void aWarningBecomesOneOrderPerListedEnterpriseOnceEvenIfRedelivered() throws Exception {
        try (TopicProbe events = new TopicProbe(Topics.ORDER_EVENTS.name())) {
            WarningEvent warning = new WarningEvent(UUID.randomUUID().toString(), 1, "mengjin", Action.ISSUED,
                    WarningLevel.ORANGE, Instant.now(), "test", "officer-zhang", Instant.now());
            publish(warning);

            JsonNode orders = awaitOrders(warning.warningId(), 6);
            JsonNode foundry = orderOf(orders, FOUNDRY);
            assertThat(foundry.get("status").asString()).isEqualTo("PENDING");
            assertThat(foundry.get("level").asString()).isEqualTo("ORANGE");
            assertThat(foundry.get("measures").get(1).asString()).isEqualTo("涂装工序停产");
            events.awaitRecord(r -> FOUNDRY.equals(r.key()) && r.value().contains(foundry.get("orderId").asString()),
                    Duration.ofSeconds(20));

            publish(warning); // at-least-once delivery: the same revision again
            String marker = issueWarning(WarningLevel.YELLOW); // processed after the repeat on the same partition
            awaitOrders(marker, 6);
            assertThat(ordersOf(warning.warningId())).hasSize(6);
        }
    }

    /** An enterprise answer with a fresh Idempotency-Key. */
    ApiClient.Response answer(String path, String token, String body) {
        return api.postJson(path, token, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    @Test
    void anEnterpriseAcknowledgesItsOwnOrderForTheRevisionItNames() throws Exception {
        String warningId = issueWarning(WarningLevel.YELLOW);
        JsonNode order = orderOf(awaitOrders(warningId, 6), REFRACTORY);
        String orderId = order.get("orderId").asString();
        assertThat(order.get("mode").asString()).isEqualTo("MANDATORY"); // grade B
        assertThat(orderOf(ordersOf(warningId), "91410308MA9F0004NF").get("mode").asString())
                .as("an A-grade enterprise reduces voluntarily").isEqualTo("VOLUNTARY");
        assertThat(order.get("ackDeadline").asString()).isNotBlank();
        assertThat(orderOf(ordersOf(warningId), PRINTER).get("mode").asString())
                .as("whitelisted up to orange: exempt at yellow").isEqualTo("EXEMPT");
        String path = "/api/v1/enterprise/orders/" + orderId + "/ack";
        String token = TestTokens.enterprise(REFRACTORY);

        var mine = api.get("/api/v1/enterprise/orders?status=PENDING", token).json();
        assertThat(JsonArrays.texts(mine, "enterpriseId")).isNotEmpty().containsOnly(REFRACTORY);
        assertThat(JsonArrays.texts(mine, "status")).containsOnly("PENDING");

        var stale = answer(path, token, "{\"revision\":2}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("type").asString()).isEqualTo("urn:lantian:problem:revision-mismatch");
        assertThat(jdbc.sql("select count(*) from order_history where order_id = ? and status = 'STALE_ANSWER'")
                .param(UUID.fromString(orderId)).query(Integer.class).single()).as("the stale answer is recorded").isEqualTo(1);

        try (TopicProbe events = new TopicProbe(Topics.ORDER_EVENTS.name())) {
            var acked = answer(path, token, "{\"revision\":1,\"note\":\"kiln line reduced to 70 %\"}");
            assertThat(acked.status()).isEqualTo(200);
            assertThat(acked.json().get("status").asString()).isEqualTo("ACKNOWLEDGED");
            assertThat(acked.json().get("ackNote").asString()).isEqualTo("kiln line reduced to 70 %");
            events.awaitRecord(r -> r.value().contains(orderId) && r.value().contains("\"status\":\"ACKNOWLEDGED\""),
                    Duration.ofSeconds(20));
        }
        assertThat(answer(path, token, "{\"revision\":1}").json().get("ackNote").asString())
                .as("acknowledging again changes nothing").isEqualTo("kiln line reduced to 70 %");
        assertThat(orderOf(ordersOf(warningId), REFRACTORY).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(orderOf(ordersOf(warningId), FOUNDRY).get("status").asString()).isEqualTo("PENDING");

        var invalid = answer(path, token, "{\"note\":\"no revision\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("revision");
    }

    @Test
    void idempotencyKeysAreRequiredReplayedAndNotReusedForAnotherRequest() throws Exception {
        String warningId = issueWarning(WarningLevel.YELLOW);
        String orderId = orderOf(awaitOrders(warningId, 6), FOUNDRY).get("orderId").asString();
        String token = TestTokens.enterprise(FOUNDRY);
        String path = "/api/v1/enterprise/orders/" + orderId + "/ack";

        var missing = api.postJson(path, token, "{\"revision\":1}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:lantian:problem:idempotency-key-missing");

        Map<String, String> key = Map.of("Idempotency-Key", "ack-" + orderId);
        var first = api.postJson(path, token, "{\"revision\":1,\"note\":\"first\"}", key);
        var replay = api.postJson(path, token, "{\"revision\":1,\"note\":\"first\"}", key);
        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());

        var reused = api.postJson(path, token, "{\"revision\":1,\"note\":\"another\"}", key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("type").asString()).isEqualTo("urn:lantian:problem:idempotency-key-reused");
        // keys belong to one enterprise: another enterprise's identical key is its own
        assertThat(api.postJson("/api/v1/enterprise/orders/" + orderId + "/ack", TestTokens.enterprise(REFRACTORY),
                "{\"revision\":1,\"note\":\"first\"}", key).status()).isEqualTo(404);
    }

    @Test
    void anEnterpriseThatCannotComplySaysWhy() throws Exception {
        String warningId = issueWarning(WarningLevel.ORANGE);
        String orderId = orderOf(awaitOrders(warningId, 6), FOUNDRY).get("orderId").asString();
        String token = TestTokens.enterprise(FOUNDRY);
        String path = "/api/v1/enterprise/orders/" + orderId + "/cannot-comply";

        assertThat(answer(path, token, "{\"revision\":1,\"code\":\"WHATEVER\",\"reason\":\"x\"}").status()).isEqualTo(400);
        var answered = answer(path, token, "{\"revision\":1,\"code\":\"SAFETY\",\"reason\":\"中频炉熔炼中，立即停炉有安全风险，2 小时后停产\"}");

        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.json().get("status").asString()).isEqualTo("CANNOT_COMPLY");
        assertThat(answered.json().get("cannotComplyCode").asString()).isEqualTo("SAFETY");
        assertThat(orderOf(ordersOf(warningId), FOUNDRY).get("cannotComplyReason").asString()).contains("安全风险");
    }

    @Test
    void aChangedWarningSupersedesTheOrderRevisionAndALiftCompletesIt() throws Exception {
        String warningId = issueWarning(WarningLevel.YELLOW);
        String orderId = orderOf(awaitOrders(warningId, 6), REFRACTORY).get("orderId").asString();
        String token = TestTokens.enterprise(REFRACTORY);
        assertThat(answer("/api/v1/enterprise/orders/" + orderId + "/ack", token, "{\"revision\":1}").status()).isEqualTo(200);

        try (TopicProbe events = new TopicProbe(Topics.ORDER_EVENTS.name())) {
            WarningEvent changed = new WarningEvent(warningId, 2, "mengjin", Action.CHANGED, WarningLevel.RED, Instant.now(),
                    "test", "chief-li", Instant.now());
            publish(changed);
            publish(changed); // again: nothing more changes
            await().atMost(Duration.ofSeconds(30)).until(() -> orderOf(ordersOf(warningId), REFRACTORY).get("revision").asInt() == 2);
            JsonNode superseded = orderOf(ordersOf(warningId), REFRACTORY);
            assertThat(superseded.get("orderId").asString()).as("the order keeps its id").isEqualTo(orderId);
            assertThat(superseded.get("status").asString()).as("the new revision needs its own answer").isEqualTo("PENDING");
            assertThat(superseded.get("level").asString()).isEqualTo("RED");
            assertThat(superseded.get("measures").get(0).asString()).contains("停产");
            events.awaitRecord(r -> r.value().contains(orderId) && r.value().contains("\"status\":\"SUPERSEDED\"")
                    && r.value().contains("\"revision\":1"), Duration.ofSeconds(20));

            // the acknowledgement of revision 1 no longer counts
            assertThat(answer("/api/v1/enterprise/orders/" + orderId + "/ack", token, "{\"revision\":1}").status()).isEqualTo(409);
            assertThat(answer("/api/v1/enterprise/orders/" + orderId + "/ack", token, "{\"revision\":2}").status()).isEqualTo(200);

            publish(new WarningEvent(warningId, 3, "mengjin", Action.LIFTED, WarningLevel.RED, Instant.now(), "clean air",
                    "chief-li", Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> JsonArrays.texts(ordersOf(warningId), "status").stream()
                    .allMatch("COMPLETED"::equals));
            events.awaitRecord(r -> r.value().contains(orderId) && r.value().contains("\"status\":\"COMPLETED\""), Duration.ofSeconds(20));
        }
        var closed = answer("/api/v1/enterprise/orders/" + orderId + "/ack", token, "{\"revision\":3}");
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().get("type").asString()).isEqualTo("urn:lantian:problem:order-closed");
        assertThat(jdbc.sql("select count(*) from curtailment_order where warning_id = ?").param(UUID.fromString(warningId))
                .query(Integer.class).single()).as("still one order per enterprise").isEqualTo(6);
    }

    @Test
    void aCancelledWarningCancelsItsOrders() throws Exception {
        String warningId = issueWarning(WarningLevel.YELLOW);
        awaitOrders(warningId, 6);
        publish(new WarningEvent(warningId, 2, "mengjin", Action.CANCELLED, WarningLevel.YELLOW, Instant.now(), "issued in error",
                "officer-zhang", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> JsonArrays.texts(ordersOf(warningId), "status").stream()
                .allMatch("CANCELLED"::equals));
    }

    @Test
    void anEnterpriseCannotSeeOrAcknowledgeAnotherEnterprisesOrder() throws Exception {
        String warningId = issueWarning(WarningLevel.RED);
        String refractoryOrder = orderOf(awaitOrders(warningId, 6), REFRACTORY).get("orderId").asString();
        assertThat(orderOf(ordersOf(warningId), PRINTER).get("mode").asString())
                .as("the whitelist covers up to orange only: red is mandatory").isEqualTo("MANDATORY");
        String foundryToken = TestTokens.enterprise(FOUNDRY);

        var foundryOrders = api.get("/api/v1/enterprise/orders", foundryToken).json();
        assertThat(JsonArrays.texts(foundryOrders, "orderId"))
                .doesNotContain(refractoryOrder);

        var foreign = answer("/api/v1/enterprise/orders/" + refractoryOrder + "/ack", foundryToken, "{\"revision\":1}");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(orderOf(ordersOf(warningId), REFRACTORY).get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void rolesAreEnforced() {
        assertThat(api.get("/api/v1/enterprise/orders", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/enterprise/orders", TestTokens.officer()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/orders?warningId=" + UUID.randomUUID(), TestTokens.enterprise(FOUNDRY)).status()).isEqualTo(403);
        var missing = api.get("/api/v1/orders", TestTokens.officer());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:lantian:problem:validation");
    }
}
