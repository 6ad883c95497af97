package io.lantian.ingest.station;

import io.lantian.common.topics.Topics;
import io.lantian.ingest.IngestTestSupport;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The station registry through the admin API, stored in PostgreSQL and published without credentials. */
class StationAdminTest extends IngestTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.onPort(port);
    }

    static String station(String mn, String password) {
        return """
                {"name":"送庄镇新站","stationClass":"TOWNSHIP","regionId":"mengjin","township":"送庄镇",
                 "latitude":34.78,"longitude":112.52,"pollutants":["PM2_5","PM10","CO"],
                 "hj212Mn":"%s","hj212Password":"%s","units":{"PM10":"mg/m3"}}""".formatted(mn, password);
    }

    @Test
    void anAdminAddsAStationThatReadingsCanThenUse() {
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8);
        String mn = "MN" + System.nanoTime() % 1_000_000_000L;
        try (TopicProbe stations = new TopicProbe(Topics.STATIONS.name())) {
            var saved = api.put("/api/v1/admin/stations/" + id, TestTokens.admin(), station(mn, "s3cret-pw"));
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            assertThat(saved.status()).isEqualTo(200);
            assertThat(saved.json().get("hj212PasswordSet").asBoolean()).isTrue();
            assertThat(saved.body()).doesNotContain("s3cret-pw").doesNotContain("Hash");
            assertThat(saved.json().get("units").get("PM10").asString()).isEqualTo("mg/m³");

            ConsumerRecord<String, String> published = stations.awaitRecord(r -> id.equals(r.key()), Duration.ofSeconds(20));
            assertThat(published.value()).contains("送庄镇新站").doesNotContain("s3cret").doesNotContain("hj212");
        }
        String hash = jdbc.sql("select hj212_password_hash from station where station_id = ?").param(id).query(String.class).single();
        assertThat(hash).isEqualTo(Station.hashPassword("s3cret-pw"));

        var reading = api.postJson("/api/v1/readings", TestTokens.ingest(), "{\"readings\":[{\"stationId\":\"" + id
                + "\",\"pollutant\":\"CO\",\"value\":1.2,\"unit\":\"mg/m3\",\"periodEnd\":\"" + Instant.now().truncatedTo(ChronoUnit.HOURS) + "\"}]}");
        assertThat(reading.status()).isEqualTo(202);

        // a second PUT without a password keeps the stored one
        api.put("/api/v1/admin/stations/" + id, TestTokens.admin(), station(mn, "s3cret-pw").replace(",\"hj212Password\":\"s3cret-pw\"", ""));
        assertThat(jdbc.sql("select hj212_password_hash from station where station_id = ?").param(id).query(String.class).single())
                .isEqualTo(hash);
    }

    @Autowired
    StationRegistry registry;

    @Test
    void aStationAddedThroughAnotherReplicaIsSeenAfterTheNextRefresh() {
        String id = "T-other-" + UUID.randomUUID().toString().substring(0, 8);
        // another replica wrote it: straight into the shared table, not through this replica's registry
        jdbc.sql("""
                insert into station (station_id, name, station_class, region_id, latitude, longitude, pollutants)
                values (?, '另一副本新增', 'MICRO', 'mengjin', 34.7, 112.3, '["PM10"]')""").param(id).update();

        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> registry.find(id).isPresent());
        assertThat(registry.find(id).orElseThrow().measures(io.lantian.common.pollutant.Pollutant.PM10)).isTrue();
    }

    @Test
    void anMnBelongsToOneStationOnly() {
        var taken = api.put("/api/v1/admin/stations/T-dup-" + UUID.randomUUID().toString().substring(0, 6),
                TestTokens.admin(), station("MJ410308000001", "another-pw"));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("type").asString()).isEqualTo("urn:lantian:problem:duplicate-mn");
    }

    @Test
    void invalidStationsAreProblemsAndTheApiIsForAdminsOnly() {
        var invalid = api.put("/api/v1/admin/stations/T-bad", TestTokens.admin(),
                "{\"name\":\"\",\"stationClass\":\"TOWNSHIP\",\"regionId\":\"mengjin\",\"latitude\":95,\"longitude\":112,\"pollutants\":[]}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors")).hasSizeGreaterThanOrEqualTo(3);

        assertThat(api.get("/api/v1/admin/stations", TestTokens.ingest()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/stations/MJ-T-HM", TestTokens.admin()).json().get("township").asString()).isEqualTo("会盟镇");
        assertThat(api.get("/api/v1/admin/stations/none", TestTokens.admin()).status()).isEqualTo(404);
    }

    @Test
    void stationsImportFromCsvWithEachBadRowReported() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String csv = """
                stationId,name,stationClass,regionId,township,latitude,longitude,pollutants,hj212Mn,hj212Password
                CSV-A-%1$s,"横水镇, 东",TOWNSHIP,mengjin,横水镇,34.80,112.27,PM2.5|PM10|SO2|NO2|O3|CO,,
                CSV-B-%1$s,微站,MICRO,mengjin,麻屯镇,34.73,112.35,PM2_5|PM10,,
                CSV-C-%1$s,坏站,SPACESHIP,mengjin,,34.7,112.3,PM10,,
                CSV-D-%1$s,远站,MICRO,mengjin,,134.7,112.3,PM10,,
                """.formatted(suffix);

        var result = api.post("/api/v1/admin/stations:import", TestTokens.admin(), "text/csv", csv);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().get("imported").asInt()).isEqualTo(2);
        assertThat(result.json().get("errors").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(result.json().get("errors").get(1).get("line").asInt()).isEqualTo(5);
        assertThat(api.get("/api/v1/admin/stations/CSV-A-" + suffix, TestTokens.admin()).json().get("name").asString())
                .isEqualTo("横水镇, 东");
    }
}
