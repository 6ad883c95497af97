package io.lantian.ingest;

import io.lantian.testing.ApiClient;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no broker reachable (a loopback port nobody listens on), a batch is never confirmed: the sender gets
 * 503 with Retry-After, and once the circuit breaker opens it gets that answer at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + IngestApplication.NAME,
        "spring.kafka.producer.properties.max.block.ms=300",
        "spring.kafka.admin.auto-create=false",
        "lantian.ingest.stations-seed-file=classpath:demo/mengjin-stations.json"})
class IngestBrokerDownTest {

    @DynamicPropertySource
    static void noBroker(DynamicPropertyRegistry registry) {
        TestInfra.registerUnreachableKafkaAndDatabase(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void answers503WithRetryAfterAndOpensTheCircuit() {
        ApiClient api = ApiClient.onPort(port);
        String batch = "{\"readings\":[{\"stationId\":\"MJ-T-HM\",\"pollutant\":\"PM10\",\"value\":80,\"unit\":\"µg/m³\",\"periodEnd\":\""
                + Instant.now().truncatedTo(ChronoUnit.HOURS) + "\"}]}";

        for (int i = 0; i < 4; i++) {
            var refused = api.postJson("/api/v1/readings", TestTokens.ingest(), batch);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:lantian:problem:unavailable");
            assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("10");
        }

        var open = api.postJson("/api/v1/readings", TestTokens.ingest(), batch);
        assertThat(open.status()).isEqualTo(503);
        assertThat(open.json().get("detail").asString()).contains("failing");
        assertThat(api.get("/actuator/prometheus", null).body())
                .contains("lantian_readings_refused_total{application=\"alert-ingest\",cause=\"circuit-open\",path=\"http\"}");
        assertThat(api.get("/actuator/health/readiness", null).status()).as("not ready without a broker").isEqualTo(503);
    }
}
