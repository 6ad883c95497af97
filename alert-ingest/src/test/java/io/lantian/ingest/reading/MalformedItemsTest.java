package io.lantian.ingest.reading;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lantian.common.topics.Topics;
import io.lantian.ingest.IngestTestSupport;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Items that are objects but have a field of the wrong shape, against the real endpoint, broker and circuit breaker:
 * each is rejected with its reason (the rest of its batch goes on), never a 503 that counts against the broker.
 * A flag that is not a string was once published as far as the event, failed there and answered 503.
 */
class MalformedItemsTest extends IngestTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    /** A valid item with one field replaced by raw JSON (or removed, with null). */
    static String item(String station, String field, String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("stationId", "\"" + station + "\"");
        fields.put("pollutant", "\"PM10\"");
        fields.put("value", "120");
        fields.put("unit", "\"µg/m³\"");
        fields.put("periodEnd", "\"" + Instant.now().truncatedTo(ChronoUnit.HOURS) + "\"");
        fields.put("averaging", "\"PT1H\"");
        fields.put(field, json);
        List<String> parts = new ArrayList<>();
        fields.forEach((name, value) -> parts.add("\"" + name + "\":" + value));
        return "{" + String.join(",", parts) + "}";
    }

    @Test
    void eachMalformedFieldIsRejectedWithItsReasonAndTheBatchGoesOn() {
        CircuitBreaker breaker = circuitBreakers.circuitBreaker("kafka-publish");
        long failedBefore = breaker.getMetrics().getNumberOfFailedCalls();
        // cases: field, raw JSON, expected status and reason
        List<String[]> cases = List.of(
                new String[] {"flags", "[\"M\",\"C\"]", "ACCEPTED", null},
                new String[] {"flags", "null", "ACCEPTED", null},                   // as if absent
                new String[] {"flags", "[null]", "REJECTED", "INVALID_FLAGS"},
                new String[] {"flags", "[\"M\",null]", "REJECTED", "INVALID_FLAGS"},
                new String[] {"flags", "\"M\"", "REJECTED", "INVALID_FLAGS"},        // not an array
                new String[] {"flags", "{\"M\":true}", "REJECTED", "INVALID_FLAGS"},
                new String[] {"flags", "[1,2]", "REJECTED", "INVALID_FLAGS"},        // not converted to "1", "2"
                new String[] {"flags", "[[\"M\"]]", "REJECTED", "INVALID_FLAGS"},
                new String[] {"flags", "[{\"code\":\"M\"}]", "REJECTED", "INVALID_FLAGS"},
                new String[] {"value", "\"120\"", "REJECTED", "MISSING_FIELD"},       // a number as a string
                new String[] {"value", "{\"v\":120}", "REJECTED", "MISSING_FIELD"},
                new String[] {"value", "[120]", "REJECTED", "MISSING_FIELD"},
                new String[] {"stationId", "{\"id\":\"MJ-T-HM\"}", "REJECTED", "MISSING_FIELD"},
                new String[] {"periodEnd", "1764403200", "REJECTED", "MISSING_FIELD"},
                new String[] {"averaging", "null", "ACCEPTED", null},                 // as if absent: PT1H
                new String[] {"averaging", "60", "REJECTED", "INVALID_AVERAGING"},    // once silently PT1H
                new String[] {"averaging", "[\"PT1H\"]", "REJECTED", "INVALID_AVERAGING"},
                new String[] {"unit", "[\"µg/m³\"]", "REJECTED", "MISSING_FIELD"});
        List<String> items = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            items.add(item("MJ-T-HM", cases.get(i)[0], cases.get(i)[1]));
        }

        var response = ApiClient.onPort(port).postJson("/api/v1/readings", TestTokens.ingest(),
                "{\"readings\":[" + String.join(",", items) + "]}");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        JsonNode results = response.json().get("results");
        for (int i = 0; i < cases.size(); i++) {
            String[] c = cases.get(i);
            String what = c[0] + ": " + c[1];
            assertThat(results.get(i).get("status").asString()).as(what).isEqualTo(c[2]);
            assertThat(results.get(i).get("reason").isNull() ? null : results.get(i).get("reason").asString()).as(what).isEqualTo(c[3]);
        }
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aBatchOfOnlyBadFlagsIsA422AndTheRejectionsKeepTheirInput() {
        CircuitBreaker breaker = circuitBreakers.circuitBreaker("kafka-publish");
        long failedBefore = breaker.getMetrics().getNumberOfFailedCalls();
        String marker = UUID.randomUUID().toString();
        try (TopicProbe probe = new TopicProbe(Topics.READINGS_REJECTED.name())) {
            var response = ApiClient.onPort(port).postJson("/api/v1/readings", TestTokens.ingest(),
                    "{\"readings\":[" + item("MJ-T-HM", "flags", "[\"" + marker + "\",null]") + "]}");

            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("results").get(0).get("reason").asString()).isEqualTo("INVALID_FLAGS");

            ConsumerRecord<String, String> kept = probe.awaitRecord(r -> r.value().contains(marker), Duration.ofSeconds(20));
            assertThat(kept.key()).isEqualTo("MJ-T-HM");
            assertThat(kept.value()).contains("\"reason\":\"INVALID_FLAGS\"").contains("null]");
        }
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore);
    }
}
