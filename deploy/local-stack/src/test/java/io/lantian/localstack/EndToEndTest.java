package io.lantian.localstack;

import io.lantian.testing.ApiClient;
import io.lantian.testing.JsonArrays;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * All three services on one real broker and one real PostgreSQL, driven through HTTP only:
 * readings in → warning → orders → acknowledgement → order acknowledged.
 */
class EndToEndTest {

    static final String ENTERPRISE_A = LocalStack.DEMO_ENTERPRISES[0];
    static final String ENTERPRISE_B = LocalStack.DEMO_ENTERPRISES[1];

    static Services services;
    static ApiClient ingest;
    static ApiClient consult;
    static ApiClient dispatch;

    @BeforeAll
    static void startSystem() {
        TestInfra.Database db = TestInfra.database();
        services = Services.start(new Services.Settings(TestInfra.kafkaBootstrap(), db.jdbcUrl(), db.user(),
                db.password(), TestTokens.secret(), 0, 0, 0, "local"));
        ingest = ApiClient.onPort(services.ingestPort());
        consult = ApiClient.onPort(services.consultPort());
        dispatch = ApiClient.onPort(services.dispatchPort());
    }

    @AfterAll
    static void stopSystem() {
        if (services != null) {
            services.close();
        }
    }

    static Map<String, Object> pm25(String station, double value, Instant periodEnd) {
        return Map.of("stationId", station, "pollutant", "PM2_5", "value", value, "unit", "µg/m³",
                "periodEnd", periodEnd.toString(), "averaging", "PT1H");
    }

    /**
     * Readings in until heavy pollution opens a proposal for Mengjin, which the duty officer approves;
     * returns the warning's id. (A second call finds the warning already active.)
     */
    static synchronized String heavyPollutionWarning() {
        var active = consult.get("/api/v1/warnings?regionId=mengjin&status=ACTIVE", TestTokens.officer()).json();
        if (!active.isEmpty()) {
            return active.get(0).get("warningId").asString();
        }
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        var accepted = ingest.postJson("/api/v1/readings", TestTokens.ingest(), ApiClient.toJson(Map.of("readings", List.of(
                pm25("MJ-T-CG", 230, hour), pm25("MJ-T-HM", 245, hour), pm25("MJ-T-PL", 260, hour)))));
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("accepted").asInt()).isEqualTo(3);

        AtomicReference<String> proposalId = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var proposals = consult.get("/api/v1/proposals?regionId=mengjin&status=OPEN", TestTokens.officer());
            assertThat(proposals.status()).isEqualTo(200);
            assertThat(proposals.json()).isNotEmpty();
            proposalId.set(proposals.json().get(0).get("proposalId").asString());
        });
        var approved = consult.postJson("/api/v1/proposals/" + proposalId.get() + "/approve", TestTokens.officer(),
                "{\"comment\":\"重度污染已出现，立即发布\"}");
        assertThat(approved.status()).isEqualTo(200);
        return approved.json().get("warningId").asString();
    }

    static JsonNode awaitOrders(String warningId) {
        AtomicReference<JsonNode> orders = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var response = dispatch.get("/api/v1/orders?warningId=" + warningId, TestTokens.officer());
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json()).hasSize(6); // the demo list has six enterprises in Mengjin
            orders.set(response.json());
        });
        return orders.get();
    }

    static JsonNode orderOf(JsonNode orders, String enterpriseId) {
        return JsonArrays.firstWhere(orders, "enterpriseId", enterpriseId);
    }

    @Test
    void readingsBecomeAWarningThenOrdersThatTheEnterpriseAcknowledges() {
        String warningId = heavyPollutionWarning();
        JsonNode warning = consult.get("/api/v1/warnings/" + warningId, TestTokens.officer()).json();
        assertThat(warning.get("history").get(0).get("action").asString()).isEqualTo("ISSUED");
        assertThat(warning.get("history").get(0).get("decidedBy").asString()).isEqualTo("officer-zhang");

        JsonNode orders = awaitOrders(warningId);
        assertThat(JsonArrays.texts(orders, "status")).containsOnly("PENDING");

        String tokenA = TestTokens.enterprise(ENTERPRISE_A);
        JsonNode mine = dispatch.get("/api/v1/enterprise/orders", tokenA).json();
        JsonNode order = JsonArrays.firstWhere(mine, "warningId", warningId);
        assertThat(order.get("measures")).isNotEmpty();

        var ack = dispatch.postJson("/api/v1/enterprise/orders/" + order.get("orderId").asString() + "/ack", tokenA,
                "{\"revision\":" + order.get("revision").asInt() + ",\"note\":\"line 1 reduced\"}",
                Map.of("Idempotency-Key", "e2e-" + order.get("orderId").asString()));
        assertThat(ack.status()).isEqualTo(200);

        JsonNode after = dispatch.get("/api/v1/orders?warningId=" + warningId, TestTokens.officer()).json();
        assertThat(orderOf(after, ENTERPRISE_A).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(orderOf(after, ENTERPRISE_B).get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void enterpriseACannotSeeOrAcknowledgeEnterpriseBsOrder() {
        String warningId = heavyPollutionWarning();
        String orderOfB = orderOf(awaitOrders(warningId), ENTERPRISE_B).get("orderId").asString();
        String tokenA = TestTokens.enterprise(ENTERPRISE_A);

        JsonNode visibleToA = dispatch.get("/api/v1/enterprise/orders", tokenA).json();
        assertThat(JsonArrays.texts(visibleToA, "enterpriseId"))
                .containsOnly(ENTERPRISE_A);

        var attempt = dispatch.postJson("/api/v1/enterprise/orders/" + orderOfB + "/ack", tokenA, "{\"revision\":1}",
                Map.of("Idempotency-Key", "e2e-foreign-" + orderOfB));
        assertThat(attempt.status()).isEqualTo(404);
        assertThat(attempt.contentType()).startsWith("application/problem+json");
        assertThat(orderOf(awaitOrders(warningId), ENTERPRISE_B).get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void everyServiceReportsReadinessAndMetrics() {
        for (ApiClient service : List.of(ingest, consult, dispatch)) {
            var readiness = service.get("/actuator/health/readiness", null);
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().get("components").get("kafka").get("status").asString()).isEqualTo("UP");
            assertThat(service.get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
        }
        assertThat(consult.get("/actuator/health/readiness", null).json().get("components").has("db")).isTrue();
        assertThat(dispatch.get("/actuator/health/readiness", null).json().get("components").has("db")).isTrue();
    }
}
