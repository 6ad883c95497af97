package io.lantian.consult.consultation;

import io.lantian.consult.ConsultTestSupport;
import io.lantian.common.topics.Topics;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Forecast in → proposal → officers decide → warning revisions on the topic and in the database. */
class ConsultationFlowTest extends ConsultTestSupport {

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.onPort(port);
    }

    static String region() {
        return "region-" + UUID.randomUUID();
    }

    /** Daily AQI values from tomorrow (Beijing dates). */
    String forecast(String region, String token, int... aqi) {
        StringBuilder days = new StringBuilder();
        LocalDate day = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1);
        for (int i = 0; i < aqi.length; i++) {
            days.append(i == 0 ? "" : ",").append("{\"date\":\"").append(day.plusDays(i))
                    .append("\",\"aqi\":").append(aqi[i]).append(",\"primaryPollutant\":\"PM2_5\"}");
        }
        var response = api.postJson("/api/v1/forecasts", token,
                "{\"regionId\":\"" + region + "\",\"source\":\"municipal-forecast-centre\",\"days\":[" + days + "]}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    JsonNode post(String path, String token, String body, int expectedStatus) {
        var response = api.postJson(path, token, body);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(expectedStatus);
        return response.json();
    }

    @Test
    void aForecastBecomesAProposalThatOfficersTurnIntoAWarningAdjustAndLift() {
        String region = region();
        try (TopicProbe warningEvents = new TopicProbe(Topics.WARNINGS.name());
             TopicProbe forecastEvents = new TopicProbe(Topics.FORECASTS.name());
             TopicProbe proposalEvents = new TopicProbe(Topics.PROPOSALS.name())) {
            JsonNode first = api.postJson("/api/v1/forecasts", TestTokens.forecaster(), "{\"regionId\":\"" + region
                    + "\",\"source\":\"municipal-forecast-centre\",\"days\":[{\"date\":\"" + LocalDate.now().plusDays(1)
                    + "\",\"aqi\":180},{\"date\":\"" + LocalDate.now().plusDays(2) + "\",\"aqi\":230},{\"date\":\""
                    + LocalDate.now().plusDays(3) + "\",\"aqi\":230}]}").json();
            String proposalId = first.get("proposal").get("proposalId").asString();
            assertThat(first.get("proposal").get("kind").asString()).isEqualTo("ISSUE");
            assertThat(first.get("proposal").get("level").asString()).isEqualTo("ORANGE");
            forecastEvents.awaitRecord(r -> region.equals(r.key()) && r.value().contains("municipal-forecast-centre"), Duration.ofSeconds(20));

            // a newer forecast updates the open proposal instead of opening a second one
            JsonNode second = api.postJson("/api/v1/forecasts", TestTokens.officer(), "{\"regionId\":\"" + region
                    + "\",\"source\":\"municipal-forecast-centre\",\"days\":[{\"date\":\"" + LocalDate.now().plusDays(1)
                    + "\",\"aqi\":230},{\"date\":\"" + LocalDate.now().plusDays(2) + "\",\"aqi\":320},{\"date\":\""
                    + LocalDate.now().plusDays(3) + "\",\"aqi\":250}]}").json();
            assertThat(second.get("proposal").get("proposalId").asString()).isEqualTo(proposalId);
            assertThat(second.get("proposal").get("level").asString()).isEqualTo("RED");
            assertThat(api.get("/api/v1/proposals?status=OPEN&regionId=" + region, TestTokens.officer()).json()).hasSize(1);

            // red is the chief's decision
            post("/api/v1/proposals/" + proposalId + "/approve", TestTokens.officer(), "{}", 403);
            JsonNode approved = post("/api/v1/proposals/" + proposalId + "/approve", TestTokens.chief(),
                    "{\"comment\":\"同意发布红色预警\"}", 200);
            assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
            assertThat(approved.get("steps")).extracting(s -> s.get("action").asString())
                    .containsExactly("OPENED", "UPDATED", "APPROVED");
            String warningId = approved.get("warningId").asString();

            // every step is on consult.proposals.v1, keyed by region (duty officers are notified from it)
            for (String step : new String[] {"\"step\":\"OPENED\",\"level\":\"ORANGE\"",
                    "\"step\":\"UPDATED\",\"level\":\"RED\"", "\"step\":\"APPROVED\",\"level\":\"RED\""}) {
                ConsumerRecord<String, String> event = proposalEvents.awaitRecord(
                        r -> r.value().contains(proposalId) && r.value().contains(step), Duration.ofSeconds(20));
                assertThat(event.key()).isEqualTo(region);
            }
            assertThat(proposalEvents.awaitRecord(r -> r.value().contains(proposalId) && r.value().contains("APPROVED"),
                    Duration.ofSeconds(20)).value()).contains("\"actor\":\"chief-li\"", "\"kind\":\"ISSUE\"");

            JsonNode warning = api.get("/api/v1/warnings/" + warningId, TestTokens.officer()).json();
            assertThat(warning.get("level").asString()).isEqualTo("RED");
            assertThat(warning.get("history").get(0).get("decidedBy").asString()).isEqualTo("chief-li");
            assertThat(warning.get("history").get(0).get("basis").asString()).contains("RED: AQI>200 for 72h and AQI>300 for 24h");
            ConsumerRecord<String, String> issued = warningEvents.awaitRecord(r -> r.value().contains(warningId)
                    && r.value().contains("\"action\":\"ISSUED\""), Duration.ofSeconds(20));
            assertThat(issued.key()).isEqualTo(region);

            // the chief lowers it directly: revision 2
            JsonNode adjusted = post("/api/v1/warnings/" + warningId + "/adjust", TestTokens.chief(),
                    "{\"level\":\"ORANGE\",\"reason\":\"会商：污染程度低于预期\"}", 200);
            assertThat(adjusted.get("revision").asInt()).isEqualTo(2);
            assertThat(adjusted.get("status").asString()).isEqualTo("ADJUSTED");
            warningEvents.awaitRecord(r -> r.value().contains(warningId) && r.value().contains("\"revision\":2")
                    && r.value().contains("\"action\":\"CHANGED\""), Duration.ofSeconds(20));

            // clean air forecast for 48 h: a lift proposal, approved by the officer (orange is theirs)
            JsonNode clean = api.postJson("/api/v1/forecasts", TestTokens.officer(), "{\"regionId\":\"" + region
                    + "\",\"source\":\"municipal-forecast-centre\",\"days\":[{\"date\":\"" + LocalDate.now().plusDays(1)
                    + "\",\"aqi\":90},{\"date\":\"" + LocalDate.now().plusDays(2) + "\",\"aqi\":80}]}").json();
            assertThat(clean.get("proposal").get("kind").asString()).isEqualTo("LIFT");
            post("/api/v1/proposals/" + clean.get("proposal").get("proposalId").asString() + "/approve",
                    TestTokens.officer(), "{\"comment\":\"解除\"}", 200);
            JsonNode lifted = api.get("/api/v1/warnings/" + warningId, TestTokens.officer()).json();
            assertThat(lifted.get("status").asString()).isEqualTo("LIFTED");
            assertThat(lifted.get("revision").asInt()).isEqualTo(3);
            assertThat(lifted.get("history")).extracting(h -> h.get("action").asString())
                    .containsExactly("ISSUED", "CHANGED", "LIFTED");
            warningEvents.awaitRecord(r -> r.value().contains(warningId) && r.value().contains("\"action\":\"LIFTED\""),
                    Duration.ofSeconds(20));
        }
    }

    @Test
    void aRejectedProposalProducesNoWarning() {
        String region = region();
        JsonNode received = api.postJson("/api/v1/forecasts", TestTokens.officer(), "{\"regionId\":\"" + region
                + "\",\"source\":\"municipal-forecast-centre\",\"days\":[{\"date\":\"" + LocalDate.now().plusDays(1)
                + "\",\"aqi\":210}]}").json();
        String proposalId = received.get("proposal").get("proposalId").asString();

        post("/api/v1/proposals/" + proposalId + "/reject", TestTokens.officer(), "{}", 400);
        JsonNode rejected = post("/api/v1/proposals/" + proposalId + "/reject", TestTokens.officer(),
                "{\"reason\":\"省级会商结论：沙尘过境，不启动预警\"}", 200);

        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("steps").get(1).get("comment").asString()).contains("沙尘过境");
        assertThat(api.get("/api/v1/warnings?regionId=" + region, TestTokens.officer()).json()).isEmpty();
        post("/api/v1/proposals/" + proposalId + "/approve", TestTokens.officer(), "{}", 409);
    }

    @Test
    void aForecastBelowTheRulesOpensNothingAndDirectDecisionsNeedAReason() {
        String region = region();
        JsonNode received = api.postJson("/api/v1/forecasts", TestTokens.officer(), "{\"regionId\":\"" + region
                + "\",\"source\":\"municipal-forecast-centre\",\"days\":[{\"date\":\"" + LocalDate.now().plusDays(1)
                + "\",\"aqi\":120}]}").json();
        assertThat(received.get("proposal").isNull()).isTrue();

        post("/api/v1/warnings", TestTokens.officer(), "{\"regionId\":\"" + region + "\",\"level\":\"YELLOW\"}", 400);
        JsonNode issued = post("/api/v1/warnings", TestTokens.officer(),
                "{\"regionId\":\"" + region + "\",\"level\":\"YELLOW\",\"reason\":\"省厅通知启动区域黄色预警\"}", 201);
        assertThat(issued.get("history").get(0).get("decidedBy").asString()).isEqualTo("officer-zhang");
        post("/api/v1/warnings", TestTokens.officer(),
                "{\"regionId\":\"" + region + "\",\"level\":\"YELLOW\",\"reason\":\"again\"}", 409);
        post("/api/v1/warnings/" + issued.get("warningId").asString() + "/adjust", TestTokens.officer(),
                "{\"level\":\"RED\",\"reason\":\"worse\"}", 403);
        JsonNode cancelled = post("/api/v1/warnings/" + issued.get("warningId").asString() + "/cancel", TestTokens.officer(),
                "{\"reason\":\"发布错误\"}", 200);
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.get("/api/v1/warnings?status=ACTIVE&regionId=" + region, TestTokens.officer()).json()).isEmpty();
    }

    @Test
    void everyEndpointChecksRoles() {
        String body = "{\"regionId\":\"r\",\"source\":\"s\",\"days\":[{\"date\":\"2026-12-01\",\"aqi\":100}]}";
        assertThat(api.postJson("/api/v1/forecasts", null, body).status()).isEqualTo(401);
        assertThat(api.postJson("/api/v1/forecasts", TestTokens.ingest(), body).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/forecasts", TestTokens.enterprise("E"), body).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/forecasts", TestTokens.forecaster()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/forecasts", TestTokens.officer()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/proposals", TestTokens.forecaster()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/proposals", TestTokens.enterprise("E")).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/proposals/" + UUID.randomUUID() + "/approve", TestTokens.officer(), "{}").status())
                .isEqualTo(404);
        assertThat(api.postJson("/api/v1/warnings", TestTokens.ingest(), "{}").status()).isEqualTo(403);
    }
}
