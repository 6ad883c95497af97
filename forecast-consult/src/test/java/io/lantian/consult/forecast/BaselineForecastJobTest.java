package io.lantian.consult.forecast;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultTestSupport;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The baseline forecaster on real readings: it speaks only when nobody else has forecast recently. */
@TestPropertySource(properties = {"lantian.consult.baseline.enabled=false"})
class BaselineForecastJobTest extends ConsultTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    EventPublisher publisher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BaselineForecastJob job;

    @Test
    void aQuietRegionGetsALabelledBaselineForecastAndAnOfficialOneSilencesIt() throws Exception {
        String region = "region-" + UUID.randomUUID();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (int h = 7; h >= 0; h--) {
            Instant end = hour.minus(Duration.ofHours(h));
            ReadingAccepted r = new ReadingAccepted(ReadingAccepted.naturalKey("S-" + region, Pollutant.PM10, end, Duration.ofHours(1)),
                    "S-" + region, region, Pollutant.PM10, 100 + 10 * (7 - h), "µg/m³", end, Duration.ofHours(1),
                    ReadingAccepted.Source.HTTP, List.of(), Instant.now());
            publisher.publish(Topics.READINGS, r.stationId(), r).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from station_reading where region_id = ?")
                .param(region).query(Integer.class).single() == 8);

        job.forecastIfQuiet(region, Instant.now());

        ApiClient api = ApiClient.onPort(port);
        JsonNode forecasts = api.get("/api/v1/forecasts?regionId=" + region, TestTokens.officer()).json();
        assertThat(forecasts).hasSize(1);
        assertThat(forecasts.get(0).get("source").asString()).isEqualTo(BaselineForecaster.SOURCE);
        assertThat(forecasts.get(0).get("issuedBy").asString()).isEqualTo("system");
        assertThat(forecasts.get(0).get("hours")).hasSize(BaselineForecastJob.HORIZON_HOURS);
        assertThat(forecasts.get(0).get("hours").get(0).get("start").asString()).isEqualTo(hour.toString());

        assertThat(api.postJson("/api/v1/forecasts", TestTokens.forecaster(), "{\"regionId\":\"" + region
                + "\",\"source\":\"municipal-forecast-centre\",\"days\":[{\"date\":\"2026-12-01\",\"aqi\":80}]}").status()).isEqualTo(201);
        job.forecastIfQuiet(region, Instant.now());
        assertThat(api.get("/api/v1/forecasts?regionId=" + region, TestTokens.officer()).json()).hasSize(2);
    }
}
