package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultTestSupport;
import io.lantian.consult.regionaqi.WindowCloser.Key;
import io.lantian.consult.regionaqi.WindowCloser.Window;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing an hour judges each station's windows once and counts them by validity, on the real broker and
 * database. The hour is a random Beijing midnight of 2024, so no other test's stations have values around it.
 */
class WindowCloserTest extends ConsultTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    EventPublisher publisher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WindowCloser closer;

    final String station = "WIN-" + UUID.randomUUID().toString().substring(0, 8);
    final LocalDate day = LocalDate.of(2024, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(360));
    /** 24:00 Beijing time of {@code day}: the hour that closes the day. */
    final Instant midnight = day.plusDays(1).atStartOfDay(RollingMeans.CHINA).toInstant();

    void send(Pollutant pollutant, int hoursBefore, double value) throws Exception {
        Instant end = midnight.minus(Duration.ofHours(hoursBefore));
        publisher.publish(Topics.READINGS, station, new ReadingAccepted(
                ReadingAccepted.naturalKey(station, pollutant, end, Duration.ofHours(1)), station, "region-" + station,
                pollutant, value, pollutant.canonicalUnit().symbol(), end, Duration.ofHours(1), ReadingAccepted.Source.CSV,
                List.of(), Instant.now())).get();
    }

    @Test
    void anHoursWindowsAreCountedOnceByValidity() throws Exception {
        for (int h = 0; h < 10; h++) {
            send(Pollutant.PM2_5, h, 50); // 10 of the 20 hours a 24-h or daily mean needs
        }
        for (int h = 0; h < 8; h++) {
            send(Pollutant.O3, h, 120);   // the whole last 8 hours: a valid 8-h mean, but the day has too few
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from station_reading where station_id = ?")
                .param(station).query(Integer.class).single() == 18);

        Map<Key, Integer> counted = closer.close(midnight);

        assertThat(counted).isEqualTo(Map.of(
                new Key(Window.MOVING_24H, Pollutant.PM2_5, false), 1,
                new Key(Window.DAILY_MEAN, Pollutant.PM2_5, false), 1,
                new Key(Window.MOVING_8H, Pollutant.O3, true), 1,
                // 8-h windows ending 22:00, 23:00 and 24:00 have ≥ 6 values: 3 valid of the 14 the daily maximum needs
                new Key(Window.DAILY_MAX_8H, Pollutant.O3, false), 1,
                new Key(Window.DAILY_MAX_1H, Pollutant.O3, false), 1));
        assertThat(closer.close(midnight)).as("an hour is closed once").isEmpty();
        assertThat(jdbc.sql("select invalid from closed_window_hour where hour_end = ?").param(java.sql.Timestamp.from(midnight))
                .query(Integer.class).single()).isEqualTo(4);

        String metrics = ApiClient.onPort(port).get("/actuator/prometheus", null).body();
        assertThat(metrics).containsPattern("lantian_consult_windows_closed_total\\{application=\"forecast-consult\","
                + "pollutant=\"PM2_5\",valid=\"false\",window=\"MOVING_24H\"} [1-9]");
        assertThat(metrics).containsPattern("lantian_consult_windows_closed_total\\{application=\"forecast-consult\","
                + "pollutant=\"O3\",valid=\"true\",window=\"MOVING_8H\"} [1-9]");
    }

    @Test
    void closingADayPublishesItsDailyRegionReportOnce() throws Exception {
        for (int h = 0; h < 24; h++) {
            send(Pollutant.PM2_5, h, 80); // a valid daily mean of 80 µg/m³
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from station_reading where station_id = ?")
                .param(station).query(Integer.class).single() == 24);
        String region = "region-" + station;

        try (TopicProbe events = new TopicProbe(Topics.REGION_AQI.name())) {
            closer.close(midnight);

            ConsumerRecord<String, String> daily = events.awaitRecord(r -> region.equals(r.key())
                    && r.value().contains("\"report\":\"DAILY\""), Duration.ofSeconds(30));
            // HJ 633-2012 (a day of 2024): PM2.5 24-h 80 lies in 75–115 → IAQI 100 + (80 − 75) × 50 / 40 = 106.25 → 107
            assertThat(daily.value()).contains("\"aqi\":107", "\"standard\":\"HJ633-2012\"", "\"stations\":1",
                    "\"periodEnd\":\"" + midnight + "\"", "\"primaryPollutants\":[\"PM2_5_24h\"]");
        }
        assertThat(closer.close(midnight)).as("closed once").isEmpty();
        assertThat(jdbc.sql("select count(*) from outbox where topic = ? and record_key = ? and payload like '%\"DAILY\"%'")
                .params(Topics.REGION_AQI.name(), region).query(Integer.class).single()).as("published once").isEqualTo(1);
    }
}
