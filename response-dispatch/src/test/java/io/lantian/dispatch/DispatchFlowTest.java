package io.lantian.dispatch;

import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.ApiClient;
import io.lantian.testing.JsonArrays;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** response-dispatch on the real broker and PostgreSQL: warning in, orders, acknowledgements. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + DispatchApplication.NAME,
        "lantian.dispatch.reduction-list.seed-file=classpath:demo/mengjin-reduction-list-2026.json"})
class DispatchFlowTest {

    static final String REFRACTORY = "91410308MA9F0001K3";
    static final String FOUNDRY = "91410308MA9F0002L7";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.registerKafkaAndDatabase(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventPublisher publisher;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.onPort(port);
    }

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

    @Test
    void anEnterpriseAcknowledgesItsOwnOrderForTheRevisionItNames() throws Exception {
        String warningId = issueWarning(WarningLevel.YELLOW);
        String orderId = orderOf(awaitOrders(warningId, 6), REFRACTORY).get("orderId").asString();
        String path = "/api/v1/enterprise/orders/" + orderId + "/ack";
        String token = TestTokens.enterprise(REFRACTORY);

        var mine = api.get("/api/v1/enterprise/orders", token).json();
        assertThat(JsonArrays.texts(mine, "enterpriseId"))
                .isNotEmpty().containsOnly(REFRACTORY);

        var stale = api.postJson(path, token, "{\"revision\":2}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("type").asString()).isEqualTo("urn:lantian:problem:revision-mismatch");

        try (TopicProbe events = new TopicProbe(Topics.ORDER_EVENTS.name())) {
            var acked = api.postJson(path, token, "{\"revision\":1,\"note\":\"kiln line reduced to 70 %\"}");
            assertThat(acked.status()).isEqualTo(200);
            assertThat(acked.json().get("status").asString()).isEqualTo("ACKNOWLEDGED");
            assertThat(acked.json().get("ackNote").asString()).isEqualTo("kiln line reduced to 70 %");
            events.awaitRecord(r -> r.value().contains(orderId) && r.value().contains("\"status\":\"ACKNOWLEDGED\""),
                    Duration.ofSeconds(20));
        }
        assertThat(api.postJson(path, token, "{\"revision\":1}").json().get("ackNote").asString())
                .as("repeating the acknowledgement changes nothing").isEqualTo("kiln line reduced to 70 %");
        assertThat(orderOf(ordersOf(warningId), REFRACTORY).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(orderOf(ordersOf(warningId), FOUNDRY).get("status").asString()).isEqualTo("PENDING");

        var invalid = api.postJson(path, token, "{\"note\":\"no revision\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("revision");
    }

    @Test
    void anEnterpriseCannotSeeOrAcknowledgeAnotherEnterprisesOrder() throws Exception {
        String warningId = issueWarning(WarningLevel.RED);
        String refractoryOrder = orderOf(awaitOrders(warningId, 6), REFRACTORY).get("orderId").asString();
        String foundryToken = TestTokens.enterprise(FOUNDRY);

        var foundryOrders = api.get("/api/v1/enterprise/orders", foundryToken).json();
        assertThat(JsonArrays.texts(foundryOrders, "orderId"))
                .doesNotContain(refractoryOrder);

        var foreign = api.postJson("/api/v1/enterprise/orders/" + refractoryOrder + "/ack", foundryToken, "{\"revision\":1}");
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
