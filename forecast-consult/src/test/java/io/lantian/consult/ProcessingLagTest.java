package io.lantian.consult;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Both reading consumers time each record from its timestamp on the topic to its processing. */
class ProcessingLagTest extends ConsultTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    EventPublisher publisher;

    @Test
    void eachReadingConsumerShowsItsLag() throws Exception {
        String station = "LAG-" + UUID.randomUUID().toString().substring(0, 8);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        publisher.publish(Topics.READINGS, station, new ReadingAccepted(
                ReadingAccepted.naturalKey(station, Pollutant.NO2, hour, Duration.ofHours(1)), station, "region-" + station,
                Pollutant.NO2, 30, "µg/m³", hour, Duration.ofHours(1), ReadingAccepted.Source.HTTP, List.of(), Instant.now())).get();

        ApiClient api = ApiClient.onPort(port);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/actuator/prometheus", null).body(), body ->
                body.lines().anyMatch(l -> l.matches("lantian_consult_processing_lag_seconds_count\\{application=\"forecast-consult\","
                        + "consumer=\"region-aqi\"} [1-9].*"))
                        && body.lines().anyMatch(l -> l.matches("lantian_consult_processing_lag_seconds_count\\{application="
                        + "\"forecast-consult\",consumer=\"station-alerts\"} [1-9].*"))
                        && body.contains("lantian_consult_processing_lag_seconds_bucket{application=\"forecast-consult\","
                        + "consumer=\"region-aqi\",le=\""));
    }
}
