package io.lantian.ingest.hj212;

import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.json.EventJson;
import io.lantian.common.pollutant.MassConcentration;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.ingest.IngestTestSupport;
import io.lantian.ingest.station.Station;
import io.lantian.ingest.station.StationRegistry;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.lantian.ingest.hj212.Hj212Samples.BEIJING;
import static io.lantian.ingest.hj212.Hj212Samples.dataTime;
import static io.lantian.ingest.hj212.Hj212Samples.qn;
import static io.lantian.ingest.hj212.Hj212Samples.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HJ 212 receiver inside alert-ingest: real TCP sockets against the server the application context
 * starts, the real station registry and intake, and the real test broker. Each test registers its own
 * station, so tests sharing the broker do not see each other's readings.
 */
@TestPropertySource(properties = {
        "lantian.ingest.hj212.enabled=true",
        "lantian.ingest.hj212.port=0",
        // the malformed catalogue is sent on one connection; the limit itself is tested in Hj212ServerTest
        "lantian.ingest.hj212.max-consecutive-defects=1000"})
class Hj212ReceiverTest extends IngestTestSupport {

    static final String PASSWORD = "test-pw";
    static final Duration KAFKA = Duration.ofSeconds(20);

    @Autowired
    Hj212Endpoint endpoint;
    @Autowired
    StationRegistry registry;
    @LocalServerPort
    int httpPort;

    record TestStation(String id, String mn) {
    }

    TestStation newStation(Map<Pollutant, MassConcentration> units) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        TestStation s = new TestStation("T-HJ-" + suffix, "T" + suffix);
        registry.save(List.of(new Station(s.id(), "HJ 212 test " + suffix, StationClass.TOWNSHIP, "mengjin", "城关镇", 34.82, 112.44,
                EnumSet.allOf(Pollutant.class), false, s.mn(), Station.hashPassword(PASSWORD), units))).join();
        return s;
    }

    TestStation newStation() {
        return newStation(Map.of());
    }

    Hj212TestClient connect() {
        return new Hj212TestClient(endpoint.port());
    }

    static LocalDateTime lastHourStart() {
        return LocalDateTime.now(BEIJING).truncatedTo(ChronoUnit.HOURS).minusHours(1);
    }

    static String expectedAnswer(String qn, TestStation s, String cn, int flag) {
        String frame = new String(Hj212Frame.encode("QN=" + qn + ";ST=91;CN=" + cn + ";PW=" + PASSWORD + ";MN=" + s.mn()
                + ";Flag=" + flag + ";CP=&&&&"), java.nio.charset.StandardCharsets.US_ASCII);
        return frame.substring(0, frame.length() - 2);
    }

    static List<JsonNode> awaitReadings(TopicProbe probe, String stationId, int count) {
        Predicate<ConsumerRecord<String, String>> mine = r -> stationId.equals(r.key());
        await().atMost(KAFKA).until(() -> {
            probe.awaitRecord(mine, KAFKA);
            return probe.seen().stream().filter(mine).count() >= count;
        });
        return probe.seen().stream().filter(mine).map(r -> EventJson.mapper().readTree(r.value())).toList();
    }

    static JsonNode only(List<JsonNode> readings, String pollutant) {
        return readings.stream().filter(r -> r.get("pollutant").asString().equals(pollutant)).findFirst().orElseThrow();
    }

    @Test
    void hourlyDataIsPublishedAndThenAnswered() {
        TestStation s = newStation();
        LocalDateTime start = lastHourStart();
        String qn = qn();
        try (TopicProbe probe = new TopicProbe(Topics.READINGS.name()); Hj212TestClient station = connect()) {
            station.send(segment(qn, "2061", PASSWORD, s.mn(), 5, "DataTime=" + dataTime(start)
                    + ";a34004-Min=150,a34004-Avg=168,a34004-Max=190,a34004-Flag=N;a34002-Avg=221,a34002-Flag=N;a21026-Avg=12,a21026-Flag=N;"
                    + "a21004-Avg=48,a21004-Flag=N;a05024-Avg=20,a05024-Flag=M;a21005-Avg=1.4,a21005-Flag=C;a01001-Avg=3.5,a01001-Flag=N"));

            assertThat(station.readFrame()).isEqualTo(expectedAnswer(qn, s, "9014", 4));

            List<JsonNode> readings = awaitReadings(probe, s.id(), 6);
            assertThat(readings).hasSize(6);
            JsonNode pm25 = only(readings, "PM2_5");
            assertThat(pm25.get("value").asDouble()).isEqualTo(168.0);
            assertThat(pm25.get("unit").asString()).isEqualTo("µg/m³");
            assertThat(pm25.get("averaging").asString()).isEqualTo("PT1H");
            assertThat(pm25.get("source").asString()).isEqualTo("HJ212");
            // DataTime 08:00 Beijing starts the hour: the reading ends at 09:00 Beijing
            assertThat(Instant.parse(pm25.get("periodEnd").asString())).isEqualTo(start.plusHours(1).atZone(BEIJING).toInstant());
            assertThat(pm25.get("flags")).isEmpty();
            assertThat(only(readings, "O3").get("flags").get(0).asString()).isEqualTo("MAINTENANCE");
            assertThat(only(readings, "CO").get("flags").get(0).asString()).isEqualTo("CALIBRATION");
            assertThat(only(readings, "CO").get("unit").asString()).isEqualTo("mg/m³");
            assertThat(only(readings, "CO").get("value").asDouble()).isEqualTo(1.4);
        }
    }

    @Test
    void realTimeAndMinuteDataGetTheirPeriods() {
        TestStation s = newStation();
        LocalDateTime sampled = LocalDateTime.now(BEIJING).truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        LocalDateTime minute = LocalDateTime.now(BEIJING).truncatedTo(ChronoUnit.MINUTES).minusMinutes(3);
        try (TopicProbe probe = new TopicProbe(Topics.READINGS.name()); Hj212TestClient station = connect()) {
            String realTime = qn();
            String minuteData = qn();
            station.send(segment(realTime, "2011", PASSWORD, s.mn(), 5, "DataTime=" + dataTime(sampled) + ";a34004-Rtd=75.2,a34004-Flag=N"))
                    .send(segment(minuteData, "2051", PASSWORD, s.mn(), 5, "DataTime=" + dataTime(minute) + ";a34002-Avg=130,a34002-Flag=N"));

            assertThat(station.readFrame()).contains("QN=" + realTime + ";ST=91;CN=9014");
            assertThat(station.readFrame()).contains("QN=" + minuteData + ";ST=91;CN=9014");

            List<JsonNode> readings = awaitReadings(probe, s.id(), 2);
            assertThat(only(readings, "PM2_5").get("averaging").asString()).isEqualTo("PT1M");
            assertThat(Instant.parse(only(readings, "PM2_5").get("periodEnd").asString()))
                    .as("real-time: DataTime is the sampling instant").isEqualTo(sampled.atZone(BEIJING).toInstant());
            assertThat(Instant.parse(only(readings, "PM10").get("periodEnd").asString()))
                    .isEqualTo(minute.plusMinutes(1).atZone(BEIJING).toInstant());
        }
    }

    /** Flag=7: each part is a packet of its own, each frame here also split across TCP writes, each answered with its own QN. */
    @Test
    void splitMessagesAreAnsweredPartByPartAndFullyPublished() {
        TestStation s = newStation();
        LocalDateTime start = lastHourStart();
        String first = qn();
        String second = qn();
        String third = qn();
        byte[] part1 = Hj212Frame.encode("QN=" + first + ";ST=22;CN=2061;PW=" + PASSWORD + ";MN=" + s.mn() + ";Flag=7;PNUM=3;PNO=1;CP=&&"
                + "DataTime=" + dataTime(start) + ";a34004-Avg=101,a34004-Flag=N;a34002-Avg=160,a34002-Flag=N&&");
        byte[] part2 = Hj212Frame.encode("QN=" + second + ";ST=22;CN=2061;PW=" + PASSWORD + ";MN=" + s.mn() + ";Flag=7;PNUM=3;PNO=2;CP=&&"
                + "DataTime=" + dataTime(start) + ";a21026-Avg=9,a21026-Flag=N;a21004-Avg=40,a21004-Flag=N&&");
        // a sender that writes DataTime only in the first part: the receiver takes it from there
        byte[] part3 = Hj212Frame.encode("QN=" + third + ";ST=22;CN=2061;PW=" + PASSWORD + ";MN=" + s.mn() + ";Flag=7;PNUM=3;PNO=3;CP=&&"
                + "a05024-Avg=30,a05024-Flag=N;a21005-Avg=0.9,a21005-Flag=N&&");
        try (TopicProbe probe = new TopicProbe(Topics.READINGS.name()); Hj212TestClient station = connect()) {
            station.send(Arrays.copyOfRange(part1, 0, 50)).send(Arrays.copyOfRange(part1, 50, part1.length));
            assertThat(station.readFrame()).isEqualTo(expectedAnswer(first, s, "9014", 4));
            station.send(Arrays.copyOfRange(part2, 0, 7)).send(Hj212Samples.concat(Arrays.copyOfRange(part2, 7, part2.length),
                    Arrays.copyOfRange(part3, 0, 100)));
            station.send(Arrays.copyOfRange(part3, 100, part3.length));
            assertThat(station.readFrame()).isEqualTo(expectedAnswer(second, s, "9014", 4));
            assertThat(station.readFrame()).isEqualTo(expectedAnswer(third, s, "9014", 4));

            List<JsonNode> readings = awaitReadings(probe, s.id(), 6);
            assertThat(readings).extracting(r -> r.get("pollutant").asString())
                    .containsExactlyInAnyOrder("PM2_5", "PM10", "SO2", "NO2", "O3", "CO");
            Instant end = start.plusHours(1).atZone(BEIJING).toInstant();
            assertThat(readings).allSatisfy(r -> assertThat(Instant.parse(r.get("periodEnd").asString())).isEqualTo(end));
        }
    }

    /** Daily values (PT24H) are not a live reading: kept on the rejected topic with the reason, and answered. */
    @Test
    void dailyDataIsRejectedWithItsReasonAndStillAnswered() {
        TestStation s = newStation();
        LocalDateTime yesterday = LocalDateTime.now(BEIJING).truncatedTo(ChronoUnit.DAYS).minusDays(1);
        String qn = qn();
        try (TopicProbe rejected = new TopicProbe(Topics.READINGS_REJECTED.name()); Hj212TestClient station = connect()) {
            station.send(segment(qn, "2031", PASSWORD, s.mn(), 5, "DataTime=" + dataTime(yesterday) + ";a34004-Avg=88,a34004-Flag=N"));

            assertThat(station.readFrame()).isEqualTo(expectedAnswer(qn, s, "9014", 4));
            JsonNode kept = EventJson.mapper().readTree(rejected.awaitRecord(r -> s.id().equals(r.key()), KAFKA).value());
            assertThat(kept.get("reason").asString()).isEqualTo("INVALID_AVERAGING");
            assertThat(kept.get("message").asString()).contains("PT24H");
            assertThat(kept.get("source").asString()).isEqualTo("HJ212");
            assertThat(kept.get("raw").asString()).startsWith("##").contains("QN=" + qn).contains("CN=2031")
                    .as("the password is masked").contains(";PW=***;").doesNotContain(PASSWORD);
        }
    }

    /** HJ 212 puts no unit on the wire: a PM monitor sending ng/m³ as if µg/m³ is caught by the physical limit. */
    @Test
    void aStationSendingNanogramsIsCaughtByThePlausibilityCheck() {
        TestStation s = newStation();
        String qn = qn();
        try (TopicProbe rejected = new TopicProbe(Topics.READINGS_REJECTED.name()); Hj212TestClient station = connect()) {
            station.send(segment(qn, "2061", PASSWORD, s.mn(), 5, "DataTime=" + dataTime(lastHourStart())
                    + ";a34004-Avg=75600.000,a34004-Flag=N;a34002-Avg=140600.000,a34002-Flag=N"));

            assertThat(station.readFrame()).as("bad content is answered: resending would not fix it").contains("QN=" + qn);
            JsonNode kept = EventJson.mapper().readTree(rejected.awaitRecord(r -> s.id().equals(r.key()), KAFKA).value());
            assertThat(kept.get("reason").asString()).isEqualTo("ABOVE_PHYSICAL_LIMIT");
            assertThat(kept.get("raw").asString()).contains("a34004-Avg=75600.000");
        }
    }

    @Test
    void valuesAreReadInTheStationsUnit() {
        TestStation s = newStation(Map.of(Pollutant.PM10, MassConcentration.MILLIGRAMS_PER_CUBIC_METRE));
        try (TopicProbe probe = new TopicProbe(Topics.READINGS.name()); Hj212TestClient station = connect()) {
            station.send(segment(qn(), "2061", PASSWORD, s.mn(), 5, "DataTime=" + dataTime(lastHourStart()) + ";a34002-Avg=0.150"));
            station.readFrame();

            JsonNode pm10 = awaitReadings(probe, s.id(), 1).get(0);
            assertThat(pm10.get("value").asDouble()).isEqualTo(150.0);
            assertThat(pm10.get("unit").asString()).isEqualTo("µg/m³");
        }
    }

    @Test
    void unknownStationsAndWrongPasswordsGetNoAnswer() {
        TestStation s = newStation();
        String unknown = qn();
        String wrongPassword = qn();
        String good = qn();
        try (Hj212TestClient station = connect()) {
            station.send(segment(unknown, "2061", PASSWORD, "NOSUCHMN" + s.mn(), 5, "DataTime=" + dataTime(lastHourStart()) + ";a34004-Avg=1"))
                    .send(segment(wrongPassword, "2061", "guess", s.mn(), 5, "DataTime=" + dataTime(lastHourStart()) + ";a34004-Avg=1"))
                    .send(segment(good, "1013", PASSWORD, s.mn(), 5, ""));

            // answers leave in the order of the packets: the first answer is the third packet's
            assertThat(station.readFrame()).isEqualTo(expectedAnswer(good, s, "9013", 4));
        }
        assertThat(prometheus()).contains("lantian_hj212_packets_total{application=\"alert-ingest\",cn=\"2061\",result=\"unknown_station\"}")
                .contains("lantian_hj212_packets_total{application=\"alert-ingest\",cn=\"2061\",result=\"bad_password\"}");
    }

    /** The whole malformed catalogue on one connection: no answer to any, no crash, and the next good packet is served. */
    @Test
    void malformedPacketsAreDroppedUnansweredAndTheConnectionGoesOn() {
        TestStation s = newStation();
        String good = qn();
        try (TopicProbe probe = new TopicProbe(Topics.READINGS.name()); Hj212TestClient station = connect()) {
            for (Hj212Samples.Malformed malformed : Hj212Samples.MALFORMED) {
                station.send(malformed.bytes());
            }
            station.send(segment(good, "2061", PASSWORD, s.mn(), 5, "DataTime=" + dataTime(lastHourStart()) + ";a34004-Avg=55"));

            assertThat(station.readFrame()).isEqualTo(expectedAnswer(good, s, "9014", 4));
            assertThat(awaitReadings(probe, s.id(), 1).get(0).get("value").asDouble()).isEqualTo(55.0);
        }
        assertThat(prometheus()).contains("result=\"crc_error\"").contains("result=\"bad_frame\"").contains("result=\"garbage\"")
                .contains("result=\"malformed\"");
    }

    @Test
    void notificationsAndOtherCommandsAreAnsweredAsTheStandardSays() {
        TestStation s = newStation();
        String calibration = qn();
        String stationAnswer = qn();
        String unknownCommand = qn();
        String bootTime = qn();
        String quiet = qn();
        String last = qn();
        try (Hj212TestClient station = connect()) {
            station.send(segment(calibration, "1013", PASSWORD, s.mn(), 5, ""))
                    .send(segment(stationAnswer, "9014", PASSWORD, s.mn(), 5, ""))
                    .send(segment(unknownCommand, "3020", PASSWORD, s.mn(), 5, "PolId=a34004"))
                    .send(segment(bootTime, "2081", PASSWORD, s.mn(), 5, "RestartTime=20261129080000"))
                    .send(segment(quiet, "2081", PASSWORD, s.mn(), 4, "RestartTime=20261129080000"))
                    .send(segment(last, "1013", PASSWORD, s.mn(), 5, ""));

            assertThat(station.readFrame()).isEqualTo(expectedAnswer(calibration, s, "9013", 4));
            assertThat(station.readFrame()).isEqualTo(expectedAnswer(bootTime, s, "9014", 4));
            assertThat(station.readFrame()).isEqualTo(expectedAnswer(last, s, "9013", 4));
        }
    }

    /** A packet with the HJ 212-2025 version bits (Flag=9) is taken in 2017 framing and answered with its version (Flag=8). */
    @Test
    void acceptsThe2025VersionBits() {
        TestStation s = newStation();
        String qn = qn();
        try (TopicProbe probe = new TopicProbe(Topics.READINGS.name()); Hj212TestClient station = connect()) {
            station.send(segment(qn, "2061", PASSWORD, s.mn(), 9, "DataTime=" + dataTime(lastHourStart()) + ";a34004-Avg=42,a34004-Flag=N"));

            assertThat(station.readFrame()).isEqualTo(expectedAnswer(qn, s, "9014", 8));
            assertThat(awaitReadings(probe, s.id(), 1).get(0).get("value").asDouble()).isEqualTo(42.0);
        }
    }

    @Test
    void metricsCountConnectionsAndPacketsByCommandAndResult() {
        TestStation s = newStation();
        try (Hj212TestClient a = connect(); Hj212TestClient b = connect()) {
            a.send(segment(qn(), "2061", PASSWORD, s.mn(), 5, "DataTime=" + dataTime(lastHourStart()) + ";a34004-Avg=12")).readFrame();
            b.send(segment(qn(), "1013", PASSWORD, s.mn(), 5, "")).readFrame();
            await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.openConnections() >= 2);

            String metrics = prometheus();
            assertThat(metrics).containsPattern("lantian_hj212_connections\\{application=\"alert-ingest\"} [2-9]")
                    .contains("lantian_hj212_packets_total{application=\"alert-ingest\",cn=\"2061\",result=\"accepted\"}")
                    .contains("lantian_hj212_packets_total{application=\"alert-ingest\",cn=\"1013\",result=\"answered\"}")
                    .contains("lantian_readings_total{application=\"alert-ingest\",outcome=\"accepted\",path=\"hj212\"}")
                    .doesNotContain(s.mn()).doesNotContain(s.id());
        }
    }

    String prometheus() {
        var response = ApiClient.onPort(httpPort).get("/actuator/prometheus", null);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }
}
