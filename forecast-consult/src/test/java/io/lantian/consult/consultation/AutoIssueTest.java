package io.lantian.consult.consultation;

import io.lantian.consult.ConsultTestSupport;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With an auto-issue policy for yellow, an undecided yellow proposal becomes a warning, marked automatic. */
@TestPropertySource(properties = {
        "lantian.consult.auto-issue.after-undecided.YELLOW=1s",
        "lantian.consult.auto-issue.check-interval=200ms"})
class AutoIssueTest extends ConsultTestSupport {

    @LocalServerPort
    int port;

    @Test
    void anUndecidedProposalIsIssuedAutomaticallyAndSaysSo() {
        ApiClient api = ApiClient.onPort(port);
        String region = "region-" + UUID.randomUUID();
        String orange = api.postJson("/api/v1/forecasts", TestTokens.officer(), "{\"regionId\":\"" + region + "-o\",\"source\":\"t\","
                + "\"days\":[{\"date\":\"" + LocalDate.now().plusDays(1) + "\",\"aqi\":230},{\"date\":\"" + LocalDate.now().plusDays(2)
                + "\",\"aqi\":230}]}").json().get("proposal").get("proposalId").asString();
        String yellow = api.postJson("/api/v1/forecasts", TestTokens.officer(), "{\"regionId\":\"" + region + "\",\"source\":\"t\","
                + "\"days\":[{\"date\":\"" + LocalDate.now().plusDays(1) + "\",\"aqi\":210}]}").json().get("proposal").get("proposalId").asString();

        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/api/v1/proposals/" + yellow, TestTokens.officer()).json().get("status").asString().equals("APPROVED"));
        JsonNode approved = api.get("/api/v1/proposals/" + yellow, TestTokens.officer()).json();
        assertThat(approved.get("steps").get(1).get("actor").asString()).isEqualTo(AutoIssuer.ACTOR);
        JsonNode warning = api.get("/api/v1/warnings/" + approved.get("warningId").asString(), TestTokens.officer()).json();
        assertThat(warning.get("history").get(0).get("decidedBy").asString()).isEqualTo(AutoIssuer.ACTOR);

        // levels without a policy wait for people
        assertThat(api.get("/api/v1/proposals/" + orange, TestTokens.officer()).json().get("status").asString()).isEqualTo("OPEN");
    }
}
