package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.json.EventJson;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultTestSupport;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' Grafana dashboard for forecast-consult ({@code deploy/grafana/…/forecast-consult.json}) queries only
 * metrics the service exports under those names: after the activity that creates each of them (a station alert
 * raised and resolved, a region hour recomputed, an hour's windows closed), every {@code lantian_…} name in the
 * dashboard's queries is in {@code /actuator/prometheus}. Grafana itself cannot run here; this keeps a renamed meter
 * from leaving a panel silently empty.
 */
class ConsultDashboardTest extends ConsultTestSupport {

    static final Path DASHBOARD = Path.of("../deploy/grafana/provisioning/dashboards/json/forecast-consult.json");
    static final Pattern METRIC = Pattern.compile("lantian_[a-z0-9_]+");

    @LocalServerPort
    int port;
    @Autowired
    EventPublisher publisher;
    @Autowired
    WindowCloser closer;
    @Autowired
    JdbcClient jdbc;

    final String station = "DASH-" + UUID.randomUUID().toString().substring(0, 8);
    final String district = "dash-" + UUID.randomUUID().toString().substring(0, 8);
    final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);

    void send(Instant hourEnd, double pm25) throws Exception {
        publisher.publish(Topics.READINGS, station, new ReadingAccepted(
                ReadingAccepted.naturalKey(station, Pollutant.PM2_5, hourEnd, Duration.ofHours(1)), station, district,
                Pollutant.PM2_5, pm25, "µg/m³", hourEnd, Duration.ofHours(1), ReadingAccepted.Source.HTTP, List.of(),
                Instant.now())).get();
    }

    Set<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = EventJson.mapper().readTree(Files.readString(DASHBOARD));
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.has("targets")) {
                for (JsonNode target : panel.get("targets")) {
                    Matcher metric = METRIC.matcher(target.get("expr").asString());
                    while (metric.find()) {
                        names.add(metric.group());
                    }
                }
            }
        }
        return names;
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        // a threshold alert raised (200 > 150) and resolved after two clear hours; the region hours recomputed
        send(hour.minus(Duration.ofHours(2)), 200);
        send(hour.minus(Duration.ofHours(1)), 10);
        send(hour, 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select status from station_alert where station_id = ?").param(station).query(String.class)
                .optional().filter("RESOLVED"::equals).isPresent());
        // an hour's windows closed: one station with one value, an hour no other test closes
        Instant closed = Instant.parse("2003-03-03T03:00:00Z");
        jdbc.sql("""
                        insert into station_reading (station_id, region_id, pollutant, period_end, averaging, value, reading_id, received_at)
                        values (?, ?, 'PM2_5', ?, 'PT1H', 40, ?, now())""")
                .params(station, district, Timestamp.from(closed), UUID.randomUUID().toString()).update();
        assertThat(closer.close(closed)).isNotEmpty();

        Set<String> queried = dashboardMetrics();
        assertThat(queried).as("the dashboard's metrics").hasSizeGreaterThan(5);
        ApiClient api = ApiClient.onPort(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = api.get("/actuator/prometheus", null).body();
            assertThat(queried).allSatisfy(name -> assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]"));
        });
    }
}
