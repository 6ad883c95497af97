package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.testing.JsonArrays;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API of escalation chains and the officers' view of an order's escalation: roles, validation, seeding. */
class EscalationChainApiTest extends EscalationTestSupport {

    static final String PATH = "/api/v1/admin/escalation-chains";

    @Test
    void everyLevelHasTheConfiguredChainFromTheStart() {
        var all = api.get(PATH, TestTokens.officer());
        assertThat(all.status()).isEqualTo(200);
        assertThat(JsonArrays.texts(all.json(), "level")).containsExactly("HEALTH_ADVISORY", "YELLOW", "ORANGE", "RED");

        JsonNode red = api.get(PATH + "/red", TestTokens.officer()).json();
        assertThat(JsonArrays.texts(red.get("steps"), "action"))
                .containsExactly("REMIND_ENTERPRISE", "NOTIFY_TOWNSHIP_OFFICER", "NOTIFY_DUTY_OFFICER");
        assertThat(JsonArrays.texts(red.get("steps"), "after")).containsExactly("PT10M", "PT20M", "PT30M");
        assertThat(red.get("steps").get(2).get("afterSeconds").asInt()).isEqualTo(1800);
        assertThat(JsonArrays.texts(api.get(PATH + "/YELLOW", TestTokens.admin()).json().get("steps"), "after"))
                .containsExactly("PT30M", "PT1H", "PT1H30M");
        assertThat(api.get(PATH + "/HEALTH_ADVISORY", TestTokens.admin()).json().get("steps")).isEmpty();
    }

    @Test
    void anAdministratorReplacesAChain() {
        chain(WarningLevel.ORANGE, "[{\"after\":\"PT15M\",\"action\":\"NOTIFY_DUTY_OFFICER\"},"
                + "{\"after\":\"15m\",\"action\":\"NOTIFY_TOWNSHIP_OFFICER\"},{\"after\":\"1h\",\"action\":\"NOTIFY_DUTY_OFFICER\"}]");
        JsonNode orange = api.get(PATH + "/ORANGE", TestTokens.officer()).json();
        assertThat(JsonArrays.texts(orange.get("steps"), "after")).as("two steps may fall due together")
                .containsExactly("PT15M", "PT15M", "PT1H");
        assertThat(JsonArrays.texts(orange.get("steps"), "position")).containsExactly("1", "2", "3");
        assertThat(orange.get("updatedBy").asString()).isEqualTo("admin");

        chain(WarningLevel.ORANGE, "[]");
        assertThat(api.get(PATH + "/ORANGE", TestTokens.officer()).json().get("steps")).as("no escalation at all").isEmpty();
    }

    @Test
    void onlyAdministratorsChangeChainsAndOnlyStaffReadThem() {
        String body = "{\"steps\":[{\"after\":\"1m\",\"action\":\"NOTIFY_DUTY_OFFICER\"}]}";
        assertThat(api.put(PATH + "/RED", TestTokens.officer(), body).status()).isEqualTo(403);
        assertThat(api.put(PATH + "/RED", null, body).status()).isEqualTo(401);
        assertThat(api.get(PATH, TestTokens.enterprise("91410308MA9F0001K3")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/orders/" + UUID.randomUUID() + "/escalation", TestTokens.enterprise("91410308MA9F0001K3"))
                .status()).isEqualTo(403);
        assertThat(JsonArrays.texts(api.get(PATH + "/RED", TestTokens.officer()).json().get("steps"), "after"))
                .as("unchanged").containsExactly("PT10M", "PT20M", "PT30M");
    }

    /** A refused PUT: 422 with one error per problem, and the chain unchanged. */
    List<String> refused(String steps) {
        var response = api.put(PATH + "/RED", TestTokens.admin(), "{\"steps\":" + steps + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:lantian:problem:escalation-chain-invalid");
        assertThat(JsonArrays.texts(api.get(PATH + "/RED", TestTokens.admin()).json().get("steps"), "after"))
                .containsExactly("PT10M", "PT20M", "PT30M");
        return JsonArrays.texts(response.json().get("errors"), "field");
    }

    @Test
    void aWrongChainIsRefusedWithWhatIsWrong() {
        assertThat(refused("[{\"after\":\"20m\",\"action\":\"NOTIFY_DUTY_OFFICER\"},{\"after\":\"10m\",\"action\":\"REMIND_ENTERPRISE\"}]"))
                .as("out of order").containsExactly("steps[1].after");
        assertThat(refused("[{\"after\":\"0s\",\"action\":\"NOTIFY_DUTY_OFFICER\"},{\"after\":\"-5m\",\"action\":\"NOTIFY_DUTY_OFFICER\"}]"))
                .as("not positive").containsExactly("steps[0].after", "steps[1].after");
        assertThat(refused("[{\"after\":\"1500ms\",\"action\":\"NOTIFY_DUTY_OFFICER\"}]")).as("not whole seconds")
                .containsExactly("steps[0].after");
        assertThat(refused("[{\"after\":\"10 minutes\",\"action\":\"CALL_THE_MAYOR\"},{\"action\":\"REMIND_ENTERPRISE\"}]"))
                .containsExactly("steps[0].after", "steps[0].action", "steps[1].after");
        assertThat(refused("[{\"after\":\"10m\"}]")).containsExactly("steps[0].action");
        var missing = api.put(PATH + "/RED", TestTokens.admin(), "{}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(JsonArrays.texts(missing.json().get("errors"), "field")).containsExactly("steps");

        var unknownAction = api.put(PATH + "/RED", TestTokens.admin(), "{\"steps\":[{\"after\":\"1m\",\"action\":\"SMS\"}]}");
        assertThat(unknownAction.json().get("errors").get(0).get("reason").asString()).contains("NOTIFY_DUTY_OFFICER");

        var malformed = api.put(PATH + "/RED", TestTokens.admin(), "{\"steps\":[");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(api.put(PATH + "/RED", TestTokens.admin(), "{\"steps\":[],\"colour\":\"red\"}").status())
                .as("unknown field").isEqualTo(400);

        var level = api.put(PATH + "/PURPLE", TestTokens.admin(), "{\"steps\":[]}");
        assertThat(level.status()).isEqualTo(404);
        assertThat(level.json().get("detail").asString()).contains("RED");
    }

    @Test
    void theEscalationOfAnUnknownOrderIsNotFound() {
        var response = api.get("/api/v1/orders/" + UUID.randomUUID() + "/escalation", TestTokens.officer());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:lantian:problem:not-found");
    }
}
