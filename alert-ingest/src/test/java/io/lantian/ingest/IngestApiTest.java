package io.lantian.ingest;

import io.lantian.common.topics.Topics;
import io.lantian.testing.ApiClient;
import io.lantian.testing.Headers;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** alert-ingest over real HTTP, against the real test broker. */
class IngestApiTest extends IngestTestSupport {

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.onPort(port);
    }

    static String hourAgo() {
        return Instant.now().truncatedTo(ChronoUnit.HOURS).toString();
    }

    static Map<String, Object> reading(String station, String pollutant, double value, String unit, String periodEnd) {
        return Map.of("stationId", station, "pollutant", pollutant, "value", value, "unit", unit,
                "periodEnd", periodEnd, "averaging", "PT1H");
    }

    static String batch(Object... readings) {
        return ApiClient.toJson(Map.of("readings", List.of(readings)));
    }

    @Test
    void acceptedReadingsReachTheTopicWithEventHeaders() {
        String periodEnd = hourAgo();
        try (TopicProbe probe = new TopicProbe(Topics.READINGS.name())) {
            var response = api.postJson("/api/v1/readings", TestTokens.ingest(),
                    batch(reading("MJ-T-HM", "PM2_5", 188.0, "ug/m3", periodEnd),
                          reading("MJ-T-HM", "CO", 1800.0, "µg/m³", periodEnd)));

            assertThat(response.status()).isEqualTo(202);
            JsonNode body = response.json();
            assertThat(body.get("accepted").asInt()).isEqualTo(2);
            String readingId = body.get("results").get(1).get("readingId").asString();

            ConsumerRecord<String, String> record = probe.awaitRecord(r -> r.value().contains(readingId), Duration.ofSeconds(20));
            assertThat(record.key()).isEqualTo("MJ-T-HM");
            // CO was converted from µg/m³ into its canonical mg/m³
            assertThat(record.value()).contains("\"value\":1.8").contains("\"unit\":\"mg/m³\"").contains("\"regionId\":\"mengjin\"");
            assertThat(Headers.text(record, "ce_type")).isEqualTo(Topics.READINGS.eventType());
            assertThat(Headers.text(record, "ce_source")).isEqualTo("/lantian/alert-ingest");
            assertThat(Headers.text(record, "ce_id")).isNotBlank();
            assertThat(java.util.UUID.fromString(Headers.text(record, "ce_id")).version()).isEqualTo(4);
            assertThat(Headers.text(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(Headers.text(record, "content-type")).isEqualTo("application/json");
            assertThat(Instant.parse(Headers.text(record, "ce_time"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
            // the header set of the AsyncAPI contract (cloudEventHeaders): the required six, and the optional correlation id
            assertThat(java.util.Arrays.stream(record.headers().toArray()).map(h -> h.key()).toList())
                    .containsExactlyInAnyOrder("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "content-type",
                            "ce_correlationid");
            assertThat(Headers.text(record, "__TypeId__")).as("no Java type names on the wire").isNull();
        }
    }

    @Test
    void eachBadItemIsRejectedWithItsReasonWhileGoodOnesPass() {
        String periodEnd = hourAgo();
        var response = api.postJson("/api/v1/readings", TestTokens.ingest(), batch(
                reading("MJ-T-HM", "PM10", 120.0, "µg/m³", periodEnd),
                reading("NOPE", "PM10", 120.0, "µg/m³", periodEnd),
                reading("MJ-M-001", "SO2", 12.0, "µg/m³", periodEnd),
                reading("MJ-T-HM", "PM10", -999.0, "µg/m³", periodEnd),
                reading("MJ-T-HM", "PM10", 12.0, "ppb", periodEnd),
                reading("MJ-T-HM", "PM10", 12.0, "µg/m³", Instant.now().plus(Duration.ofHours(2)).toString())));

        assertThat(response.status()).isEqualTo(202);
        JsonNode results = response.json().get("results");
        assertThat(results.get(0).get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(i -> results.get(i).get("reason").asString()))
                .containsExactly("UNKNOWN_STATION", "POLLUTANT_NOT_MEASURED", "SENTINEL", "UNKNOWN_UNIT", "IN_FUTURE");
        assertThat(response.json().get("rejected").asInt()).isEqualTo(5);
    }

    @Test
    void rejectedReadingsAreKeptOnTheRejectedTopicWithTheirRawInputAndReason() {
        String station = "GHOST-" + java.util.UUID.randomUUID();
        try (TopicProbe probe = new TopicProbe(Topics.READINGS_REJECTED.name())) {
            var response = api.postJson("/api/v1/readings", TestTokens.ingest(),
                    "{\"readings\":[{\"stationId\":\"" + station + "\",\"pollutant\":\"PM10\",\"value\":12,\"unit\":\"µg/m³\",\"periodEnd\":\"" + hourAgo() + "\"},"
                            + "\"not an object\", {\"stationId\":\"MJ-T-HM\",\"pollutant\":\"PM10\",\"value\":\"12\"}]}");
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.json().get("results").get(1).get("reason").asString()).isEqualTo("MISSING_FIELD");

            ConsumerRecord<String, String> kept = probe.awaitRecord(r -> station.equals(r.key()), Duration.ofSeconds(20));
            assertThat(kept.value()).contains("\"reason\":\"UNKNOWN_STATION\"").contains("\"source\":\"HTTP\"")
                    .contains(station).contains("\\\"value\\\":12");
            ConsumerRecord<String, String> garbage = probe.awaitRecord(r -> r.value().contains("not an object"), Duration.ofSeconds(20));
            assertThat(garbage.key()).isEqualTo("unknown");
        }
    }

    @Test
    void aBatchWithNothingAcceptableIsAProblem() {
        var response = api.postJson("/api/v1/readings", TestTokens.ingest(),
                batch(reading("NOPE", "PM10", 1.0, "µg/m³", hourAgo())));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:lantian:problem:readings-rejected");
        assertThat(response.json().get("results").get(0).get("reason").asString()).isEqualTo("UNKNOWN_STATION");
    }

    @Test
    void securityAnswersWithProblems() {
        String body = batch(reading("MJ-T-HM", "PM10", 1.0, "µg/m³", hourAgo()));

        var anonymous = api.postJson("/api/v1/readings", null, body);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().get("type").asString()).isEqualTo("urn:lantian:problem:unauthenticated");
        assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

        assertThat(api.postJson("/api/v1/readings", TestTokens.forged("ingest"), body).status()).isEqualTo(401);

        var wrongRole = api.postJson("/api/v1/readings", TestTokens.officer(), body);
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(wrongRole.json().get("type").asString()).isEqualTo("urn:lantian:problem:forbidden");
    }

    @Test
    void malformedBodiesUnknownPathsAndOversizedRequestsAreProblems() {
        var malformed = api.postJson("/api/v1/readings", TestTokens.ingest(), "{\"readings\": [");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asString()).isEqualTo("urn:lantian:problem:validation");

        var missingList = api.postJson("/api/v1/readings", TestTokens.ingest(), "{}");
        assertThat(missingList.status()).isEqualTo(400);
        assertThat(missingList.json().get("errors").get(0).get("field").asString()).isEqualTo("readings");

        var unknown = api.get("/api/v1/nothing-here", TestTokens.ingest());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("type").asString()).isEqualTo("urn:lantian:problem:not-found");

        var huge = api.postJson("/api/v1/readings", TestTokens.ingest(), "{\"readings\":[" + "{},".repeat(600_000) + "{}]}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("type").asString()).isEqualTo("urn:lantian:problem:payload-too-large");
    }

    @Test
    void stationsArePublishedToTheCompactedTopic() {
        try (TopicProbe probe = new TopicProbe(Topics.STATIONS.name())) {
            ConsumerRecord<String, String> station = probe.awaitRecord(r -> "MJ-T-XLD".equals(r.key()), Duration.ofSeconds(20));
            assertThat(station.value()).contains("小浪底镇").contains("\"demo\":true").doesNotContain("password");
        }
    }

    @Test
    void healthIncludesKafkaAndMetricsAreExposed() {
        var readiness = api.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("components").get("kafka").get("status").asString()).isEqualTo("UP");

        api.postJson("/api/v1/readings", TestTokens.ingest(), batch(reading("NOPE", "PM10", 1.0, "µg/m³", hourAgo())));
        var prometheus = api.get("/actuator/prometheus", null);
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("lantian_readings_rejected_total{application=\"alert-ingest\",reason=\"UNKNOWN_STATION\"}")
                .contains("lantian_readings_total{application=\"alert-ingest\",outcome=\"rejected\",path=\"http\"}")
                .contains("lantian_readings_publish_seconds_count{application=\"alert-ingest\"}")
                // requests are observed as a whole; Spring Security's per-filter observations are off (hot path cost)
                .contains("http_server_requests_seconds_count{application=\"alert-ingest\"")
                .doesNotContain("spring_security_");

        var openApi = api.get("/v3/api-docs", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/v1/readings");
    }
}
