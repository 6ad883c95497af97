package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultTestSupport;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.ApiClient;
import io.lantian.testing.JsonArrays;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Daily region report and station means from readings on the real broker, over real HTTP. */
@TestPropertySource(properties = {"lantian.consult.observed-pollution.enabled=false"})
class RegionAqiApiTest extends ConsultTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    EventPublisher publisher;
    @Autowired
    JdbcClient jdbc;

    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final Instant MIDNIGHT = DAY.atStartOfDay(RollingMeans.CHINA).toInstant();

    CompletableFuture<?> send(String station, String region, Pollutant pollutant, int hour, double value) {
        Instant end = MIDNIGHT.plus(Duration.ofHours(hour));
        ReadingAccepted r = new ReadingAccepted(ReadingAccepted.naturalKey(station, pollutant, end, Duration.ofHours(1)),
                station, region, pollutant, value, pollutant.canonicalUnit().symbol(), end, Duration.ofHours(1),
                ReadingAccepted.Source.CSV, List.of(), Instant.now());
        return publisher.publish(Topics.READINGS, station, r);
    }

    @Test
    void aDaysReportUsesOnlyStationsWithValidDailyMeans() {
        String region = "region-" + UUID.randomUUID();
        List<CompletableFuture<?>> sends = new java.util.ArrayList<>();
        for (int h = 1; h <= 24; h++) {
            sends.add(send("A-" + region, region, Pollutant.PM2_5, h, 80));  // a full day at 80
            if (h <= 10) {
                sends.add(send("B-" + region, region, Pollutant.PM2_5, h, 300)); // only 10 hours: invalid
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from station_reading where region_id = ?")
                .param(region).query(Integer.class).single() == 34);

        ApiClient api = ApiClient.onPort(port);
        JsonNode daily = api.get("/api/v1/regions/" + region + "/aqi/daily?date=" + DAY, TestTokens.officer()).json();

        assertThat(daily.get("standard").asString()).isEqualTo("HJ633-2026");
        JsonNode pm25 = JsonArrays.firstWhere(daily.get("values"), "indicator", "PM2_5_24h");
        assertThat(pm25.get("value").asDouble()).isEqualTo(80.0);
        assertThat(pm25.get("validStations").asInt()).isEqualTo(1);
        assertThat(pm25.get("reportingStations").asInt()).isEqualTo(2);
        // HJ 633-2026: PM2.5 24 h 80 lies between 60 (100) and 115 (150): 100 + 50/55 × 20 = 118.2 → 119
        assertThat(daily.get("aqi").asInt()).isEqualTo(119);
        JsonNode stationB = JsonArrays.firstWhere(daily.get("stations"), "stationId", "B-" + region);
        assertThat(stationB.get("mean").get("valid").asBoolean()).isFalse();
        assertThat(stationB.get("mean").get("observed").asInt()).isEqualTo(10);

        JsonNode means = api.get("/api/v1/stations/A-" + region + "/means?at=" + MIDNIGHT.plus(Duration.ofHours(24)),
                TestTokens.officer()).json();
        assertThat(means.get("PM2_5_24h").get("value").asDouble()).isEqualTo(80.0);
        assertThat(means.get("PM2_5_24h").get("valid").asBoolean()).isTrue();
        assertThat(means.get("PM2_5_1h").get("value").asDouble()).isEqualTo(80.0);

        JsonNode hourly = api.get("/api/v1/regions/" + region + "/aqi/hourly?from=" + MIDNIGHT + "&to="
                + MIDNIGHT.plus(Duration.ofHours(24)), TestTokens.officer()).json();
        assertThat(hourly).hasSize(24);
        assertThat(api.get("/api/v1/regions/" + region + "/aqi/daily?date=" + DAY, TestTokens.enterprise("E")).status()).isEqualTo(403);
    }

    @Test
    void aLateHourArrivingAfterLaterOnesLandsInItsWindowAndMakesTheMeanValid() throws Exception {
        String region = "region-" + UUID.randomUUID();
        String station = "L-" + region;
        for (int h = 1; h <= 24; h++) {
            if (h != 5) {
                send(station, region, Pollutant.NO2, h, h < 5 ? 20 : 40).join(); // 23 hours: hour 5 is late
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from station_reading where station_id = ?")
                .param(station).query(Integer.class).single() == 23);
        ApiClient api = ApiClient.onPort(port);
        String at = "/api/v1/stations/" + station + "/means?at=" + MIDNIGHT.plus(Duration.ofHours(24));
        assertThat(api.get(at, TestTokens.officer()).json().get("NO2_24h").get("observed").asInt()).isEqualTo(23);

        send(station, region, Pollutant.NO2, 5, 100).join(); // the late hour, after all the later ones
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from station_reading where station_id = ?")
                .param(station).query(Integer.class).single() == 24);

        JsonNode no2 = api.get(at, TestTokens.officer()).json().get("NO2_24h");
        assertThat(no2.get("observed").asInt()).isEqualTo(24);
        assertThat(no2.get("valid").asBoolean()).isTrue();
        // hours 1-4 at 20, the late hour 5 at 100, hours 6-24 at 40: (80 + 100 + 760) / 24
        assertThat(no2.get("value").asDouble()).isCloseTo(940 / 24.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
