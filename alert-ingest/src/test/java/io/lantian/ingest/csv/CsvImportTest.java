package io.lantian.ingest.csv;

import io.lantian.common.topics.Topics;
import io.lantian.ingest.IngestTestSupport;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV import over real HTTP into the real broker. */
class CsvImportTest extends IngestTestSupport {

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.onPort(port);
    }

    /** A Beijing-time hour label a few hours ago, unique per call so tests do not see each other's records. */
    static String hourLabel(int hoursAgo) {
        return LocalDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.HOURS).minusHours(hoursAgo).toString().replace('T', ' ');
    }

    @Test
    void everyCellBecomesAReadingOrAKeptRejectionWithItsLine() {
        String hour = hourLabel(3);
        String csv = "stationId,periodEnd,PM2.5,PM10,SO2,NO2,O3,CO\n"
                + "MJ-T-BH," + hour + ",153,201,12,48,20,1.4\n"
                + "\n"
                + "MJ-M-001," + hour + ",88,140,7,,,\n"
                + "NOWHERE," + hour + ",50,,,,,\n";
        try (TopicProbe readings = new TopicProbe(Topics.READINGS.name());
             TopicProbe rejected = new TopicProbe(Topics.READINGS_REJECTED.name())) {
            var response = api.post("/api/v1/readings:import", TestTokens.ingest(), "text/csv", csv);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("lines").asInt()).isEqualTo(3);
            assertThat(response.json().get("accepted").asInt()).isEqualTo(8);
            assertThat(response.json().get("rejected").asInt()).isEqualTo(2);
            var rejections = response.json().get("rejections");
            assertThat(rejections.get(0).get("line").asInt()).isEqualTo(4);
            assertThat(rejections.get(0).get("reason").asString()).isEqualTo("POLLUTANT_NOT_MEASURED");
            assertThat(rejections.get(1).get("line").asInt()).isEqualTo(5);
            assertThat(rejections.get(1).get("reason").asString()).isEqualTo("UNKNOWN_STATION");

            readings.awaitRecord(r -> "MJ-T-BH".equals(r.key()) && r.value().contains("\"source\":\"CSV\"")
                    && r.value().contains("\"pollutant\":\"CO\"") && r.value().contains("\"value\":1.4"), Duration.ofSeconds(20));
            rejected.awaitRecord(r -> "NOWHERE".equals(r.key()) && r.value().contains("NOWHERE," + hour), Duration.ofSeconds(20));
        }
    }

    @Test
    void aLargeFileIsStreamedInChunks() {
        String hour = hourLabel(5);
        StringBuilder csv = new StringBuilder("station,time,PM10\n");
        int rows = CsvImportController.CHUNK * 2 + 17;
        for (int i = 0; i < rows; i++) {
            csv.append(i % 2 == 0 ? "MJ-T-CD," : "MJ-T-SZ,").append(hour).append(',').append(50 + i % 7).append('\n');
        }

        var response = api.post("/api/v1/readings:import", TestTokens.ingest(), "text/csv", csv.toString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("lines").asInt()).isEqualTo(rows);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(rows);
    }

    @Test
    void aFileWithoutAUsableHeaderIsAProblem() {
        var response = api.post("/api/v1/readings:import", TestTokens.ingest(), "text/csv", "a,b,c\n1,2,3\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("station column");
        assertThat(api.post("/api/v1/readings:import", TestTokens.officer(), "text/csv", "x").status()).isEqualTo(403);
    }
}
