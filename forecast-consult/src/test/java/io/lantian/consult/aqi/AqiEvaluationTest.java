package io.lantian.consult.aqi;

import io.lantian.consult.ConsultTestSupport;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/aqi:evaluate} over real HTTP: the documented shape, both editions, the EPA AQI, 401 and 400s. */
class AqiEvaluationTest extends ConsultTestSupport {

    static final String PATH = "/api/v1/aqi:evaluate";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.onPort(port);
    }

    ApiClient.Response evaluate(String token, String body) {
        return api.postJson(PATH, token, body);
    }

    JsonNode ok(String body) {
        ApiClient.Response response = evaluate(TestTokens.officer(), body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void theResponseHasTheDocumentedShape() {
        JsonNode body = ok("""
                {"standard":"HJ633-2012","report":"REALTIME","concentrations":{"PM2_5_24h":36,"SO2_1h":3}}""");

        assertThat(body.get("standard").asString()).isEqualTo("HJ633-2012");
        assertThat(body.get("aqi").isInt()).isTrue();
        assertThat(body.get("aqi").asInt()).isEqualTo(52);                  // 50 + ⌈50 × 1 / 40⌉
        assertThat(body.get("iaqi")).isEqualTo(json("{\"PM2_5_24h\":52,\"SO2_1h\":1}"));
        assertThat(body.get("primaryPollutants")).isEqualTo(json("[\"PM2_5_24h\"]"));
        assertThat(body.get("exceedingPollutants")).isEqualTo(json("[]"));
        JsonNode category = body.get("category");
        assertThat(category.get("level").asInt()).isEqualTo(2);
        assertThat(category.get("name").asString()).isEqualTo("良");
        assertThat(category.get("color").asString()).isEqualTo("#FFFF00");
        assertThat(category.get("advice").get("zh").asString()).isEqualTo("极少数异常敏感人群应减少户外活动");
        assertThat(category.get("advice").get("en").asString()).isNotBlank();
    }

    @Test
    void aDatePicksTheEditionInForceAndTheParticleChangeMovesTheSameDay() {
        String day = "\"report\":\"DAILY\",\"concentrations\":{\"PM2_5_24h\":70,\"NO2_24h\":35,\"O3_8h\":60}}";

        JsonNode before = ok("{\"date\":\"2026-02-28\"," + day);
        JsonNode after = ok("{\"date\":\"2026-03-01\"," + day);

        assertThat(before.get("standard").asString()).isEqualTo("HJ633-2012");
        assertThat(before.get("aqi").asInt()).isEqualTo(94);
        assertThat(before.get("category").get("name").asString()).isEqualTo("良");
        assertThat(after.get("standard").asString()).isEqualTo("HJ633-2026");
        assertThat(after.get("aqi").asInt()).isEqualTo(110);
        assertThat(after.get("category").get("name").asString()).isEqualTo("轻度污染");
        assertThat(after.get("exceedingPollutants")).isEqualTo(json("[\"PM2_5_24h\"]"));
    }

    @Test
    void aSubIndexTheStandardDoesNotComputeIsNull() {
        // 2012: SO2 1-h above 800 has no 1-h sub-index; the daily report does not use 1-h NO2
        JsonNode realTime = ok("""
                {"standard":"HJ633-2012","report":"REALTIME","concentrations":{"SO2_1h":900,"PM10_24h":80}}""");
        assertThat(realTime.get("iaqi").has("SO2_1h")).isTrue();
        assertThat(realTime.get("iaqi").get("SO2_1h").isNull()).isTrue();
        assertThat(realTime.get("notes").get("SO2_1h").asString()).contains("800");
        assertThat(realTime.get("aqi").asInt()).isEqualTo(65);              // PM10 50 + ⌈50 × 30 / 100⌉

        // 2026 holds it at 200
        JsonNode realTime2026 = ok("""
                {"standard":"HJ633-2026","report":"REALTIME","concentrations":{"SO2_1h":900}}""");
        assertThat(realTime2026.get("iaqi").get("SO2_1h").asInt()).isEqualTo(200);
        assertThat(realTime2026.get("primaryPollutants")).isEqualTo(json("[\"SO2_1h\"]"));

        JsonNode daily = ok("""
                {"standard":"HJ633-2026","report":"DAILY","concentrations":{"NO2_1h":300,"NO2_24h":90}}""");
        assertThat(daily.get("iaqi").get("NO2_1h").isNull()).isTrue();
        assertThat(daily.get("iaqi").get("NO2_24h").asInt()).isEqualTo(105);
        assertThat(daily.get("aqi").asInt()).isEqualTo(105);
    }

    @Test
    void noSubIndexAtAllGivesANullAqiAndNoCategory() {
        JsonNode body = ok("""
                {"standard":"HJ633-2026","report":"DAILY","concentrations":{"SO2_1h":30}}""");

        assertThat(body.get("aqi").isNull()).isTrue();
        assertThat(body.get("category").isNull()).isTrue();
        assertThat(body.get("primaryPollutants")).isEqualTo(json("[]"));
    }

    @Test
    void theUsEpaAqiTruncatesRoundsAndUsesItsOwnCategories() {
        JsonNode body = ok("""
                {"standard":"US-EPA-2024","report":"DAILY",
                 "concentrations":{"PM2_5_24h":35.45,"O3_8h":0.250,"O3_1h":0.100,"CO_8h":1.1}}""");

        assertThat(body.get("standard").asString()).isEqualTo("US-EPA-2024");
        assertThat(body.get("iaqi")).isEqualTo(json("{\"PM2_5_24h\":100,\"O3_8h\":null,\"O3_1h\":null,\"CO_8h\":13}"));
        assertThat(body.get("aqi").asInt()).isEqualTo(100);
        assertThat(body.get("category").get("name").asString()).isEqualTo("Moderate");
        assertThat(body.get("category").get("color").asString()).isEqualTo("#FFFF00");
    }

    @Test
    void exactDecimalsNotBinaryFloatingPoint() {
        // CO 24 h 2.2 mg/m³ is exactly IAQI 55; a double computation gives 56
        JsonNode body = ok("""
                {"standard":"HJ633-2012","report":"DAILY","concentrations":{"CO_24h":2.2}}""");
        assertThat(body.get("iaqi").get("CO_24h").asInt()).isEqualTo(55);
    }

    @Test
    void anyAuthenticatedRoleMayEvaluateButNotAnonymously() {
        String body = "{\"standard\":\"HJ633-2026\",\"report\":\"REALTIME\",\"concentrations\":{\"PM2_5_24h\":36}}";
        ApiClient.Response anonymous = evaluate(null, body);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(evaluate(TestTokens.forged("officer"), body).status()).isEqualTo(401);
        for (String token : new String[]{TestTokens.officer(), TestTokens.ingest(), TestTokens.enterprise("E-1"),
                TestTokens.forecaster(), TestTokens.chief(), TestTokens.admin()}) {
            assertThat(evaluate(token, body).status()).isEqualTo(200);
        }
    }

    @Test
    void theMappingIsExactlyThatPath() {
        String body = "{\"standard\":\"HJ633-2026\",\"report\":\"REALTIME\",\"concentrations\":{\"PM2_5_24h\":36}}";
        assertThat(api.postJson("/api/v1/aqi", TestTokens.officer(), body).status()).isEqualTo(404);
        assertThat(api.postJson("/api/v1/aqi:evaluateAll", TestTokens.officer(), body).status()).isEqualTo(404);
        assertThat(api.postJson("/api/v1/aqi/evaluate", TestTokens.officer(), body).status()).isEqualTo(404);
        assertThat(api.get(PATH, TestTokens.officer()).status()).isEqualTo(405);
    }

    @Test
    void badRequestsAreProblemDetails() {
        assertBadRequest("""
                {"standard":"HJ633-2026","report":"DAILY","concentrations":{"PM25":36}}""", "concentrations[PM25]");
        assertBadRequest("""
                {"standard":"HJ633-2026","report":"DAILY","concentrations":{"pm2_5_24h":36}}""", "concentrations[pm2_5_24h]");
        assertBadRequest("""
                {"standard":"HJ633-2026","report":"DAILY","concentrations":{"PM2_5_24h":-1}}""", "concentrations[PM2_5_24h]");
        // CO over 8 hours is an EPA indicator: refused for the Chinese standards rather than silently ignored
        assertBadRequest("""
                {"standard":"HJ633-2026","report":"DAILY","concentrations":{"CO_8h":1.2}}""", "concentrations[CO_8h]");
        assertBadRequest("""
                {"standard":"US-EPA-2024","report":"DAILY","concentrations":{"CO_24h":1.2}}""", "concentrations[CO_24h]");
        assertBadRequest("""
                {"standard":"HJ633-2020","report":"DAILY","concentrations":{"PM2_5_24h":36}}""", "standard");
        assertBadRequest("""
                {"standard":"HJ633-2026","date":"2026-11-28","report":"DAILY","concentrations":{"PM2_5_24h":36}}""", "standard");
        assertBadRequest("""
                {"report":"DAILY","concentrations":{"PM2_5_24h":36}}""", "standard");
        assertBadRequest("""
                {"standard":"HJ633-2026","concentrations":{"PM2_5_24h":36}}""", "report");
        assertBadRequest("""
                {"standard":"HJ633-2026","report":"DAILY","concentrations":{}}""", "concentrations");
        assertBadRequest("""
                {"standard":"HJ633-2026","report":"DAILY","concentrations":{"PM2_5_24h":1e-1000000}}""",
                "concentrations[PM2_5_24h]");
        // unreadable: a report type that does not exist, a malformed date, a field that does not exist
        assertBadRequest("""
                {"standard":"HJ633-2026","report":"WEEKLY","concentrations":{"PM2_5_24h":36}}""", null);
        assertBadRequest("""
                {"date":"28.11.2026","report":"DAILY","concentrations":{"PM2_5_24h":36}}""", null);
        assertBadRequest("""
                {"standard":"HJ633-2026","report":"DAILY","concentrations":{"PM2_5_24h":36},"unit":"ppb"}""", null);
    }

    void assertBadRequest(String body, String field) {
        ApiClient.Response response = evaluate(TestTokens.officer(), body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:lantian:problem:validation");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsString("field")).as(body).contains(field);
        }
    }
}
