package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.StationRegistered;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultApplication;
import io.lantian.platform.ServiceApplication;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rolling means and the district and township roll-ups live in PostgreSQL, not in the process: a second start
 * of the service on the same database resumes at its consumer group's committed offsets — it replays nothing —
 * and its 24-hour means and region hours still hold the hours the first run stored. Both runs use a database and
 * consumer groups of their own, so they take no partitions from the other test contexts of the JVM.
 */
class RegionAqiRestartTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    final TestInfra.Database database = TestInfra.freshDatabase("region_aqi_restart");
    final String group = "region-aqi-restart-" + UUID.randomUUID();
    final String district = "district-" + UUID.randomUUID().toString().substring(0, 8);
    final String township = "会盟镇";
    final String station = "RAR-" + UUID.randomUUID().toString().substring(0, 8);
    final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));

    ConfigurableApplicationContext start() {
        return ServiceApplication.builder(ConsultApplication.class, ConsultApplication.NAME).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfra.kafkaBootstrap(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--lantian.security.hmac-secret=" + TestTokens.secret(),
                "--lantian.consult.region-aqi.consumer-group=" + group,
                "--lantian.consult.alerts.consumer-group=" + group + "-alerts");
    }

    Instant hour(int n) {
        return base.plus(Duration.ofHours(n));
    }

    RecordMetadata send(ConfigurableApplicationContext service, double value, Instant hourEnd) throws Exception {
        ReadingAccepted reading = new ReadingAccepted(ReadingAccepted.naturalKey(station, Pollutant.PM2_5, hourEnd, Duration.ofHours(1)),
                station, district, Pollutant.PM2_5, value, "µg/m³", hourEnd, Duration.ofHours(1), ReadingAccepted.Source.HTTP,
                List.of(), Instant.now());
        return service.getBean(EventPublisher.class).publish(Topics.READINGS, station, reading).get().getRecordMetadata();
    }

    static int storedHours(ConfigurableApplicationContext service, String station) {
        return service.getBean(JdbcClient.class).sql("select count(*) from station_reading where station_id = ?")
                .param(station).query(Integer.class).single();
    }

    static ApiClient api(ConfigurableApplicationContext service) {
        return ApiClient.onPort(Integer.parseInt(service.getEnvironment().getProperty("local.server.port")));
    }

    /** The group's committed offset is at the end of every partition of the readings topic. */
    boolean groupIsCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfra.kafkaBootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Topics.READINGS.partitions(); p++) {
                latest.put(new TopicPartition(Topics.READINGS.name(), p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                    || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset()));
        }
    }

    @Test
    void aRestartResumesAtTheCommittedOffsetsAndKeepsTheStoredHours() throws Exception {
        RecordMetadata last;
        try (ConfigurableApplicationContext first = start()) {
            first.getBean(EventPublisher.class).publish(Topics.STATIONS, station, new StationRegistered(station, station,
                    StationClass.TOWNSHIP, district, township, 34.8, 112.4, EnumSet.of(Pollutant.PM2_5), false)).get();
            await().atMost(WAIT).until(() -> first.getBean(JdbcClient.class)
                    .sql("select count(*) from region_station where station_id = ?").param(station).query(Integer.class).single() == 1);
            last = null;
            for (int h = 1; h <= 12; h++) {
                last = send(first, 60, hour(h));
            }
            await().atMost(WAIT).until(() -> storedHours(first, station) == 12);
            // and everything else on the topic (other tests' readings): the second run must find no backlog
            await().atMost(WAIT).until(this::groupIsCaughtUp);
        }
        // the first run committed past its last record: a second start has nothing of it to read again
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfra.kafkaBootstrap()))) {
            TopicPartition partition = new TopicPartition(last.topic(), last.partition());
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition);
            assertThat(committed.offset()).isGreaterThan(last.offset());
        }

        try (ConfigurableApplicationContext second = start()) {
            for (int h = 13; h <= 22; h++) {
                send(second, 90, hour(h));
            }
            await().atMost(WAIT).until(() -> storedHours(second, station) == 22);
            MeterRegistry meters = second.getBean(MeterRegistry.class);
            assertThat(meters.counter("lantian_consult_readings", "stored", "duplicate").count())
                    .as("nothing the first run processed came again").isZero();

            // 24-hour mean at hour 22: 12 hours of 60 from the first run and 10 of 90 from this one
            JsonNode means = api(second).get("/api/v1/stations/" + station + "/means?at=" + hour(22), TestTokens.officer()).json();
            JsonNode pm25 = means.get("PM2_5_24h");
            assertThat(pm25.get("observed").asInt()).isEqualTo(22);
            assertThat(pm25.get("valid").asBoolean()).isTrue();
            assertThat(pm25.get("value").asDouble()).isCloseTo((12 * 60 + 10 * 90) / 22.0, org.assertj.core.data.Offset.offset(1e-9));

            // the township's hours span both runs
            JsonNode hourly = api(second).get("/api/v1/regions/" + district + "/townships/"
                    + URLEncoder.encode(township, StandardCharsets.UTF_8) + "/aqi/hourly?from=" + hour(1) + "&to=" + hour(22),
                    TestTokens.officer()).json();
            assertThat(hourly).hasSize(22);
        }
    }
}
