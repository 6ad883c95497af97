package io.lantian.consult;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.ApiClient;
import io.lantian.testing.Headers;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** forecast-consult on the real broker and PostgreSQL: readings in, region AQI, warning out. */
class ConsultFlowTest extends ConsultTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    EventPublisher publisher;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.onPort(port);
    }

    static ReadingAccepted reading(String station, String region, Pollutant pollutant, double value, Instant periodEnd) {
        return new ReadingAccepted(ReadingAccepted.naturalKey(station, pollutant, periodEnd, Duration.ofHours(1)),
                station, region, pollutant, value, pollutant.canonicalUnit().symbol(), periodEnd, Duration.ofHours(1),
                ReadingAccepted.Source.HTTP, List.of(), Instant.now());
    }

    void send(ReadingAccepted r) throws Exception {
        publisher.publish(Topics.READINGS, r.stationId(), r).get();
    }

    JsonNode warningsOf(String region) {
        var response = api.get("/api/v1/warnings?regionId=" + region, TestTokens.officer());
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    JsonNode proposalsOf(String region) {
        var response = api.get("/api/v1/proposals?regionId=" + region, TestTokens.officer());
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /**
     * Until the region's hour is recomputed with this many stations: its proposal, if any, is decided in the same
     * transaction as the event, so an assertion on proposals after this sees that hour's decision.
     */
    void awaitRegionHourWith(String region, int stations) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "select payload from outbox where topic = ? and record_key = ? order by id desc limit 1")
                .params(Topics.REGION_AQI.name(), region).query(String.class).optional()
                .filter(payload -> payload.contains("\"stations\":" + stations)).isPresent());
    }

    @Test
    void heavyPollutionObservedInARegionOpensOneProposalThatOfficersTurnIntoAWarning() throws Exception {
        String region = "region-" + UUID.randomUUID();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        // one station at 100 µg/m³ alone is IAQI 137: nothing to propose
        send(reading("S1-" + region, region, Pollutant.PM2_5, 100, hour));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from station_reading where region_id = ?").param(region).query(Integer.class).single() == 1);
        awaitRegionHourWith(region, 1);
        assertThat(proposalsOf(region)).isEmpty();

        // with a second at 220 the regional mean is 160 µg/m³: IAQI 210 under HJ 633-2026, heavy pollution
        send(reading("S2-" + region, region, Pollutant.PM2_5, 220, hour));
        await().atMost(Duration.ofSeconds(20)).until(() -> proposalsOf(region).size() == 1);
        JsonNode proposal = proposalsOf(region).get(0);
        assertThat(proposal.get("kind").asString()).isEqualTo("ISSUE");
        assertThat(proposal.get("level").asString()).isEqualTo("YELLOW");
        assertThat(proposal.get("basis").asString()).contains("AQI 210");
        assertThat(warningsOf(region)).as("observed pollution never issues by itself").isEmpty();

        // more high readings keep the one open proposal
        send(reading("S3-" + region, region, Pollutant.PM2_5, 400, hour));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from station_reading where region_id = ?").param(region).query(Integer.class).single() == 3);
        awaitRegionHourWith(region, 3);
        assertThat(proposalsOf(region)).hasSize(1);

        try (TopicProbe probe = new TopicProbe(Topics.WARNINGS.name())) {
            var approved = api.postJson("/api/v1/proposals/" + proposal.get("proposalId").asString() + "/approve",
                    TestTokens.officer(), "{\"comment\":\"立即发布\"}");
            assertThat(approved.status()).isEqualTo(200);
            ConsumerRecord<String, String> event = probe.awaitRecord(r -> region.equals(r.key()), Duration.ofSeconds(30));
            assertThat(event.value()).contains("\"action\":\"ISSUED\"").contains("\"revision\":1").contains("\"level\":\"YELLOW\"");
            assertThat(Headers.text(event, "ce_type")).isEqualTo(Topics.WARNINGS.eventType());
        }
        JsonNode warnings = warningsOf(region);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("history").get(0).get("basis").asString()).contains("AQI 210");
        assertThat(warnings.get(0).get("history").get(0).get("decidedBy").asString()).isEqualTo("officer-zhang");
    }

    @Test
    void aRepeatCountsOnceAndAnotherValueForTheSameKeyIsAMarkedCorrection() throws Exception {
        String region = "region-" + UUID.randomUUID();
        String station = "S1-" + region;
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        send(reading(station, region, Pollutant.NO2, 40, hour));
        send(reading(station, region, Pollutant.NO2, 40, hour));
        send(reading(station, region, Pollutant.NO2, 55, hour));
        // a marker behind them on the same partition: once it is stored, the three before it were processed
        send(reading(station, region, Pollutant.SO2, 9, hour));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from station_reading where station_id = ?").param(station).query(Integer.class).single() == 2);

        var no2 = jdbc.sql("select value, corrections, corrected_at from station_reading where station_id = ? and pollutant = 'NO2'")
                .param(station).query().singleRow();
        assertThat(no2.get("value")).isEqualTo(55.0);
        assertThat(no2.get("corrections")).as("the repeat of 40 is no correction; 55 is one").isEqualTo(1);
        assertThat(no2.get("corrected_at")).isNotNull();
    }

    @Test
    void everyHourOfARegionIsPublishedWithItsAqiAndShownAsAGauge() throws Exception {
        String region = "region-" + UUID.randomUUID();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        try (TopicProbe probe = new TopicProbe(Topics.REGION_AQI.name())) {
            send(reading("S1-" + region, region, Pollutant.PM2_5, 80, hour));
            send(reading("S2-" + region, region, Pollutant.PM2_5, 100, hour));

            ConsumerRecord<String, String> two = probe.awaitRecord(r -> region.equals(r.key()) && r.value().contains("\"stations\":2"),
                    Duration.ofSeconds(30));
            // mean 90 µg/m³ under HJ 633-2026: 100 + 50/55 × 30 = 127.3 → 128
            assertThat(two.value()).contains("\"aqi\":128").contains("\"PM2_5_24h\":128").contains("\"standard\":\"HJ633-2026\"");
        }
        String prometheus = api.get("/actuator/prometheus", null).body();
        assertThat(prometheus).contains("lantian_region_aqi{application=\"forecast-consult\",region=\"" + region
                + "\",scope=\"DISTRICT\"} 128.0");
    }

    @Test
    void readingsOfOneValueArrivingTogetherAreStoredInTheirOrderEvenWhenTheyNameAnotherRegion() throws Exception {
        String suffix = UUID.randomUUID().toString();
        // the later reading names a region that sorts first: the consumers group a poll by region, and must not
        // let that reorder two readings of the same value
        String later = "region-a-" + suffix;
        String earlier = "region-b-" + suffix;
        String station = "moved-" + suffix;
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        publisher.publish(Topics.READINGS, station, reading(station, earlier, Pollutant.PM10, 60, hour));
        send(reading(station, later, Pollutant.PM10, 70, hour));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "select count(*) from alert_hourly_value where station_id = ? and region_id = ? and value = 70")
                .params(station, later).query(Integer.class).single() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "select count(*) from station_reading where station_id = ? and region_id = ? and value = 70")
                .params(station, later).query(Integer.class).single() == 1);
        var stored = jdbc.sql("select value, corrections from station_reading where station_id = ?").param(station).query().singleRow();
        assertThat(stored.get("corrections")).as("the second value corrects the first").isEqualTo(1);
    }

    @Test
    void aRegionBelowHeavyPollutionGetsNoProposal() throws Exception {
        String region = "region-" + UUID.randomUUID();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        send(reading("S1-" + region, region, Pollutant.PM2_5, 40, hour));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from station_reading where region_id = ?").param(region).query(Integer.class).single() == 1);
        awaitRegionHourWith(region, 1);
        assertThat(proposalsOf(region)).isEmpty();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndDoesNotBlockThePartition() throws Exception {
        String station = "poison-" + UUID.randomUUID();
        String region = "region-" + UUID.randomUUID();
        try (TopicProbe dlt = new TopicProbe(Topics.READINGS.deadLetterName());
             KafkaProducer<String, String> raw = new KafkaProducer<>(Map.of("bootstrap.servers", TestInfra.kafkaBootstrap()),
                     new StringSerializer(), new StringSerializer())) {
            raw.send(new ProducerRecord<>(Topics.READINGS.name(), station, "{not json")).get();
            // same key, so the same partition: the good record behind the poison one must still be processed
            send(reading(station, region, Pollutant.PM10, 80, Instant.now().truncatedTo(ChronoUnit.HOURS)));

            ConsumerRecord<String, String> dead = dlt.awaitRecord(r -> station.equals(r.key()), Duration.ofSeconds(30));
            assertThat(dead.value()).isEqualTo("{not json");
            assertThat(Headers.text(dead, "kafka_dlt-exception-fqcn")).contains("DeserializationException");
            assertThat(Headers.text(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.READINGS.name());
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "select count(*) from station_reading where station_id = ?").param(station).query(Integer.class).single() == 1);
        }
    }

    @Test
    void aRecordTheConsumersKeepFailingOnGoesAloneToTheDeadLetterTopicAndTheReadingsAroundItAreStored() throws Exception {
        String station = "failing-" + UUID.randomUUID();
        String region = "region-" + UUID.randomUUID();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        ReadingAccepted before = reading(station, region, Pollutant.NO2, 30, hour);
        ReadingAccepted after = reading(station, region, Pollutant.SO2, 8, hour);
        // well-formed JSON, so it is no deserialization failure, but without a region: storing it fails (region_id
        // is not null) in both consumers' batch transactions, and only it may be dead-lettered
        String noRegion = new String(io.lantian.common.json.EventJson.mapper().writeValueAsBytes(
                reading(station, region, Pollutant.CO, 0.6, hour)), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"regionId\":\"" + region + "\"", "\"regionId\":null");
        assertThat(noRegion).contains("\"regionId\":null");
        try (TopicProbe dlt = new TopicProbe(Topics.READINGS.deadLetterName());
             KafkaProducer<String, String> raw = new KafkaProducer<>(Map.of("bootstrap.servers", TestInfra.kafkaBootstrap(),
                     "linger.ms", "20"), new StringSerializer(), new StringSerializer())) {
            // one producer batch on one partition (same key), so the consumers most likely poll the three together
            raw.send(new ProducerRecord<>(Topics.READINGS.name(), station,
                    io.lantian.common.json.EventJson.mapper().writeValueAsString(before)));
            raw.send(new ProducerRecord<>(Topics.READINGS.name(), station, noRegion));
            raw.send(new ProducerRecord<>(Topics.READINGS.name(), station,
                    io.lantian.common.json.EventJson.mapper().writeValueAsString(after))).get();

            ConsumerRecord<String, String> dead = dlt.awaitRecord(r -> station.equals(r.key()), Duration.ofSeconds(30));
            assertThat(dead.value()).isEqualTo(noRegion);
            assertThat(Headers.text(dead, "kafka_dlt-exception-message")).contains("region_id");
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "select count(*) from station_reading where station_id = ?").param(station).query(Integer.class).single() == 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "select count(*) from alert_hourly_value where station_id = ?").param(station).query(Integer.class).single() == 2);
            assertThat(dlt.seen().stream().filter(r -> station.equals(r.key())))
                    .as("only the failing record, once per consumer group at most").hasSizeBetween(1, 2)
                    .allSatisfy(r -> assertThat(r.value()).isEqualTo(noRegion));
        }
    }

    @Test
    void warningsAreForOfficersOnly() {
        assertThat(api.get("/api/v1/warnings", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/warnings", TestTokens.ingest()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/warnings", TestTokens.officer()).status()).isEqualTo(200);
        var missing = api.get("/api/v1/warnings/" + UUID.randomUUID(), TestTokens.officer());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:lantian:problem:not-found");
        var badId = api.get("/api/v1/warnings/not-a-uuid", TestTokens.officer());
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.contentType()).startsWith("application/problem+json");
    }

    @Test
    void readinessIncludesKafkaAndTheDatabase() {
        JsonNode health = api.get("/actuator/health/readiness", null).json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("kafka").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
    }
}
