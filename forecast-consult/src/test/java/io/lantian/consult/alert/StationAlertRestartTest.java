package io.lantian.consult.alert;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultApplication;
import io.lantian.platform.ServiceApplication;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert state lives in PostgreSQL, not in the process: a rise counted one hour of two, an open alert one clear
 * hour of two, and a silence all carry over a stop and a new start of the service. The two runs share a database
 * of their own and a consumer group of their own, so nothing but these two contexts judges the readings into it.
 */
class StationAlertRestartTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    final TestInfra.Database database = TestInfra.freshDatabase("station_alerts_restart");
    final String group = "station-alerts-restart-" + UUID.randomUUID();
    final String region = "region-" + UUID.randomUUID();
    final String station = "RST-" + UUID.randomUUID().toString().substring(0, 8);
    final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(12));

    ConfigurableApplicationContext start() {
        return ServiceApplication.builder(ConsultApplication.class, ConsultApplication.NAME).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfra.kafkaBootstrap(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--lantian.security.hmac-secret=" + TestTokens.secret(),
                "--lantian.consult.alerts.consumer-group=" + group,
                // its region-AQI consumer too: in the default group it would take partitions from the other contexts
                "--lantian.consult.region-aqi.consumer-group=" + group + "-region-aqi");
    }

    Instant hour(int n) {
        return base.plus(Duration.ofHours(n));
    }

    void send(ConfigurableApplicationContext service, Pollutant pollutant, double value, Instant hourEnd) throws Exception {
        ReadingAccepted reading = new ReadingAccepted(ReadingAccepted.naturalKey(station, pollutant, hourEnd, Duration.ofHours(1)),
                station, region, pollutant, value, pollutant.canonicalUnit().symbol(), hourEnd, Duration.ofHours(1),
                ReadingAccepted.Source.HTTP, List.of(), Instant.now());
        service.getBean(EventPublisher.class).publish(Topics.READINGS, station, reading).get();
    }

    static ApiClient api(ConfigurableApplicationContext service) {
        return ApiClient.onPort(Integer.parseInt(service.getEnvironment().getProperty("local.server.port")));
    }

    static List<JsonNode> alerts(ConfigurableApplicationContext service, String station) {
        List<JsonNode> alerts = new ArrayList<>();
        api(service).get("/api/v1/station-alerts?stationId=" + station, TestTokens.officer()).json().forEach(alerts::add);
        return alerts;
    }

    JsonNode awaitAlert(ConfigurableApplicationContext service, String alertId, String status) {
        return await().atMost(WAIT).until(() -> alerts(service, station).stream()
                .filter(a -> a.get("alertId").asString().equals(alertId) && a.get("status").asString().equals(status))
                .findFirst().orElse(null), a -> a != null);
    }

    @Test
    void aHalfCountedRiseAnOpenAlertAndASilenceSurviveARestart() throws Exception {
        String thresholdId = new AlertKey(station, io.lantian.common.events.StationAlertEvent.Rule.THRESHOLD, Pollutant.PM2_5)
                .alertId(hour(3));
        String riseId = new AlertKey(station, io.lantian.common.events.StationAlertEvent.Rule.SUDDEN_RISE, Pollutant.PM10)
                .alertId(hour(3));
        String silenceId;
        try (ConfigurableApplicationContext first = start()) {
            // a PM10 rise begins: 60, 70, 65, then 200 — one hour above its baseline, the rule wants two
            send(first, Pollutant.PM10, 60, hour(1));
            send(first, Pollutant.PM10, 70, hour(2));
            send(first, Pollutant.PM10, 65, hour(3));
            send(first, Pollutant.PM10, 200, hour(4));
            // and a PM2.5 threshold alert is raised, then one clear hour of the two that resolve it
            send(first, Pollutant.PM2_5, 212, hour(4));
            send(first, Pollutant.PM2_5, 100, hour(5));

            JdbcClient jdbc = first.getBean(JdbcClient.class);
            await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from alert_hourly_value where station_id = ? and hour_end = ?")
                    .params(station, Timestamp.from(hour(4))).query(Integer.class).single() == 2);
            await().atMost(WAIT).until(() -> alerts(first, station).stream().anyMatch(a -> a.get("alertId").asString().equals(thresholdId)
                    && Instant.parse(a.get("lastHour").asString()).equals(hour(5))));
            assertThat(alerts(first, station)).extracting(a -> a.get("alertId").asString()).containsExactly(thresholdId);

            ApiClient.Response silence = api(first).postJson("/api/v1/silences", TestTokens.officer(),
                    "{\"stationId\":\"" + station + "\",\"from\":\"" + hour(20) + "\",\"to\":\"" + hour(24)
                            + "\",\"reason\":\"annual audit\"}");
            assertThat(silence.status()).isEqualTo(201);
            silenceId = silence.json().get("silenceId").asString();
        }

        try (ConfigurableApplicationContext second = start()) {
            // the second hour of the rise raises it, counted from the hour judged before the restart
            send(second, Pollutant.PM10, 300, hour(5));
            JsonNode rise = awaitAlert(second, riseId, "RAISED");
            assertThat(Instant.parse(rise.get("episodeStart").asString())).isEqualTo(hour(3));

            // the second clear hour resolves the alert raised before the restart: same id, next revision
            send(second, Pollutant.PM2_5, 90, hour(6));
            JsonNode resolved = awaitAlert(second, thresholdId, "RESOLVED");
            assertThat(resolved.get("revision").asInt()).isEqualTo(2);
            assertThat(Instant.parse(resolved.get("raisedHour").asString())).isEqualTo(hour(4));
            assertThat(Instant.parse(resolved.get("resolvedHour").asString())).isEqualTo(hour(6));

            JsonNode silences = api(second).get("/api/v1/silences?stationId=" + station, TestTokens.officer()).json();
            assertThat(silences).hasSize(1);
            assertThat(silences.get(0).get("silenceId").asString()).isEqualTo(silenceId);

            // what this service published, read from its own outbox: the other test classes' services in this JVM
            // read the same readings into another database and publish the same ids to the shared topic
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            List<String> published = await().atMost(WAIT).until(() -> jdbc.sql(
                            "select payload from outbox where topic = ? and record_key = ? and published_at is not null order by id")
                    .params(Topics.STATION_ALERTS.name(), station).query(String.class).list(), p -> p.size() == 3);
            assertThat(published.get(0)).contains("\"alertId\":\"" + thresholdId + "\"").contains("\"status\":\"RAISED\"");
            assertThat(published.get(1)).contains("\"alertId\":\"" + riseId + "\"").contains("\"status\":\"RAISED\"");
            assertThat(published.get(2)).contains("\"alertId\":\"" + thresholdId + "\"").contains("\"status\":\"RESOLVED\"")
                    .contains("\"revision\":2");
        }
    }
}
