package io.lantian.dispatch.list;

import io.lantian.dispatch.DispatchApplication;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Importing a year's list over real HTTP into the real database (one of its own). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + DispatchApplication.NAME})
class ReductionListImportTest {

    static final int YEAR = 2030;
    /** Only ever given invalid lists. */
    static final int REFUSED_YEAR = 2031;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        // imports replace the list in force: a database of its own keeps the other tests' demo list intact
        TestInfra.registerKafkaAndFreshDatabase(registry, "dispatch_list_import");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.onPort(port);
    }

    static final String HEADER = String.join(",", ReductionListCsv.HEADER);

    @Test
    void aCsvImportIsValidatedWholeAndRefusedWithEveryErrorWhenAnythingIsWrong() {
        String csv = HEADER + "\n"
                + "91410308MA9F0001K3,耐材,list-test,麻屯镇,耐火材料,B,,,0.8,1.6,0.6,0.05,YELLOW,L1,隧道窑,LIMIT,30,隧道窑限产 30%,0.1,0.2,0.1,0\n"
                + "91410308MA9F0001K4,坏代码,list-test,,,B,,,1,1,1,1,,,,,,,,,,\n"
                + "91410308MA9F0002L7,铸造,list-test,,,Z,,,x,1,1,1,ORANGE,,,SHOUT,,停产,0,0,0,0\n";

        var response = api.put("/api/v1/admin/reduction-lists/" + REFUSED_YEAR, TestTokens.admin(), "text/csv", csv);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:lantian:problem:reduction-list-invalid");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).extracting(e -> e.get("line").asInt() + ":" + e.get("field").asString())
                .contains("4:baselineSO2", "4:action");
        assertThat(jdbc.sql("select count(*) from reduction_list where year = ?").param(REFUSED_YEAR).query(Integer.class).single())
                .as("nothing partial").isZero();
        assertThat(jdbc.sql("select count(*) from enterprise where list_year = ?").param(REFUSED_YEAR).query(Integer.class).single())
                .isZero();

        // once the CSV parses, the list's own rules are checked: check digit, grade
        String parses = HEADER + "\n"
                + "91410308MA9F0001K4,坏代码,list-test,,,Z,,,1,1,1,1,,,,,,,,,,\n";
        JsonNode invalid = api.put("/api/v1/admin/reduction-lists/" + REFUSED_YEAR, TestTokens.admin(), "text/csv", parses).json();
        assertThat(invalid.get("errors")).extracting(e -> e.get("line").asInt() + ":" + e.get("field").asString())
                .containsExactlyInAnyOrder("2:enterpriseId", "2:grade");
    }

    @Test
    void aValidCsvReplacesTheYearsListAndTheSufficiencyCheckReadsIt() {
        String csv = HEADER + "\n"
                + "91410308MA9F0001K3,耐材,list-test,麻屯镇,耐火材料,B,,,1,1,1,1,YELLOW,L1,隧道窑,LIMIT,30,隧道窑限产 30%,0.05,0.05,0.05,0.05\n"
                + "91410308MA9F0001K3,耐材,list-test,麻屯镇,耐火材料,B,,,1,1,1,1,ORANGE,L1,隧道窑,STOP,,隧道窑停产,0.5,0.5,0.5,0.5\n"
                + "91410308MA9F0004NF,化工,list-test,会盟镇,化工,A,白名单,YELLOW,1,1,1,1,,,,,,,,,,\n";

        var imported = api.put("/api/v1/admin/reduction-lists/" + YEAR, TestTokens.admin(), "text/csv", csv);

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("enterprises").asInt()).isEqualTo(2);
        JsonNode list = api.get("/api/v1/admin/reduction-lists/" + YEAR, TestTokens.officer()).json();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("lines").get(0).get("name").asString()).isEqualTo("隧道窑");

        JsonNode sufficiency = api.get("/api/v1/admin/reduction-lists/" + YEAR + "/sufficiency", TestTokens.officer()).json();
        JsonNode yellow = sufficiency.get(0);
        assertThat(yellow.get("level").asString()).isEqualTo("YELLOW");
        assertThat(yellow.get("sufficient").asBoolean()).as("0.05 of 2 t/d is 2.5 %").isFalse();
        JsonNode orange = sufficiency.get(1);
        assertThat(orange.get("sufficient").asBoolean()).as("0.5 of 2 t/d is 25 % ≥ 20 %").isTrue();
        assertThat(orange.get("carriers").get(0).get("enterpriseId").asString()).isEqualTo("91410308MA9F0001K3");

        assertThat(api.put("/api/v1/admin/reduction-lists/" + YEAR, TestTokens.officer(), "text/csv", csv).status()).isEqualTo(403);
        var older = api.put("/api/v1/admin/reduction-lists/2029", TestTokens.admin(), "text/csv", csv);
        assertThat(older.status()).isEqualTo(409);
        assertThat(older.json().get("type").asString()).isEqualTo("urn:lantian:problem:list-outdated");
    }

    @Test
    void oneEnterpriseIsEditedThroughTheAdminApi() {
        api.put("/api/v1/admin/reduction-lists/" + YEAR, TestTokens.admin(), "text/csv", HEADER + "\n"
                + "91410308MA9F0003MB,建材,list-edit,横水镇,水泥制品,D,,,1,1,1,1,,,,,,,,,,\n");
        String enterprise = """
                {"enterpriseId":"91410308MA9F0003MB","name":"建材（更名）","regionId":"list-edit","grade":"C",
                 "baseline":{"so2":1,"nox":1,"pm":1,"vocs":1},"lines":[{"lineId":"M1","name":"粉磨线"}],
                 "measures":{"YELLOW":[{"lineId":"M1","action":"STOP","description":"粉磨线停产","reduction":{"so2":0.1,"nox":0.1,"pm":0.3,"vocs":0}}]},
                 "delivery":{"mode":"WEBHOOK","webhookUrl":"https://example.invalid/hook","webhookSecrets":["whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"]}}""";

        var saved = api.put("/api/v1/admin/reduction-lists/" + YEAR + "/enterprises/91410308MA9F0003MB", TestTokens.admin(),
                "application/json", enterprise);

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain("whsec_");
        String stored = jdbc.sql("select webhook_secrets from enterprise where enterprise_id = '91410308MA9F0003MB'")
                .query(String.class).single();
        assertThat(stored).as("sealed at rest").startsWith("v1:").doesNotContain("whsec_").doesNotContain("c2VjcmV0");
        assertThat(jdbc.sql("select grade from enterprise where enterprise_id = '91410308MA9F0003MB'").query(String.class).single())
                .isEqualTo("C");
        var bad = api.put("/api/v1/admin/reduction-lists/" + YEAR + "/enterprises/91410308MA9F0003MB", TestTokens.admin(),
                "application/json", enterprise.replace("\"mode\":\"WEBHOOK\"", "\"mode\":\"FAX\""));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("delivery.mode");
    }

    @Test
    void aJsonImportNamesItsYear() {
        var wrongYear = api.put("/api/v1/admin/reduction-lists/" + YEAR, TestTokens.admin(), "application/json",
                "{\"year\":2020,\"enterprises\":[]}");
        assertThat(wrongYear.status()).isEqualTo(400);
        var empty = api.put("/api/v1/admin/reduction-lists/" + REFUSED_YEAR, TestTokens.admin(), "application/json",
                "{\"year\":" + REFUSED_YEAR + ",\"enterprises\":[]}");
        assertThat(empty.status()).isEqualTo(422);
    }
}
