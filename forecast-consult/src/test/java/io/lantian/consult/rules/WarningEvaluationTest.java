package io.lantian.consult.rules;

import io.lantian.consult.ConsultTestSupport;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/warnings:evaluate} over real HTTP, with the shipped rule configuration. */
class WarningEvaluationTest extends ConsultTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    WarningRules rules;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.onPort(port);
    }

    @Test
    void theShippedConfigurationIsTheNationalRuleSet() {
        assertThat(rules.inForceOn(LocalDate.of(2026, 12, 1))).isEqualTo(RuleSets.mee2024());
    }

    @Test
    void dailyForecastGivesLevelRuleAndWindow() {
        var response = api.postJson("/api/v1/warnings:evaluate", TestTokens.officer(), """
                {"regionId":"mengjin","days":[
                  {"date":"2026-12-01","aqi":180,"primaryPollutant":"PM2_5"},
                  {"date":"2026-12-02","aqi":230,"primaryPollutant":"PM2_5"},
                  {"date":"2026-12-03","aqi":320,"primaryPollutant":"PM2_5"},
                  {"date":"2026-12-04","aqi":215,"primaryPollutant":"PM2_5"},
                  {"date":"2026-12-05","aqi":90,"primaryPollutant":"PM2_5"}]}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("level").asString()).isEqualTo("RED");
        assertThat(body.get("rule").asString()).isEqualTo("RED: AQI>200 for 72h and AQI>300 for 24h");
        assertThat(body.get("window").get("from").asString()).isEqualTo("2026-11-30T16:00:00Z");
        assertThat(body.get("window").get("to").asString()).isEqualTo("2026-12-04T16:00:00Z");
        assertThat(body.get("ruleSet").asString()).isEqualTo("MEE-2024-6");
    }

    @Test
    void hourlyForecastAndNoMatch() {
        var response = api.postJson("/api/v1/warnings:evaluate", TestTokens.officer(), """
                {"regionId":"mengjin","hours":[
                  {"start":"2026-12-01T08:00:00+08:00","aqi":250},
                  {"start":"2026-12-01T09:00:00+08:00","aqi":260}]}""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("level").asString()).isEqualTo("NONE");
        assertThat(response.json().get("window").isNull()).isTrue();
    }

    @Test
    void badRequestsAndRoles() {
        String both = "{\"regionId\":\"mengjin\",\"days\":[{\"date\":\"2026-12-01\",\"aqi\":1}],\"hours\":[{\"start\":\"2026-12-01T08:00:00+08:00\",\"aqi\":1}]}";
        assertThat(api.postJson("/api/v1/warnings:evaluate", TestTokens.officer(), both).status()).isEqualTo(400);
        var negative = api.postJson("/api/v1/warnings:evaluate", TestTokens.officer(),
                "{\"regionId\":\"mengjin\",\"days\":[{\"date\":\"2026-12-01\",\"aqi\":-5}]}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("errors").get(0).get("field").asString()).contains("aqi");
        assertThat(api.postJson("/api/v1/warnings:evaluate", TestTokens.enterprise("X"), both).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/warnings:evaluate", null, both).status()).isEqualTo(401);
    }
}
