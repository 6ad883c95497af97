package io.lantian.consult.alert;

import io.lantian.consult.ConsultTestSupport;
import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.StationRegistered;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.ApiClient;
import io.lantian.testing.Headers;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Station alerts on the real broker and PostgreSQL: readings in on {@code aq.readings.v1}, alerts out on
 * {@code aq.station-alerts.v1} and through the officers' API. Every test has its own stations and region.
 */
class StationAlertFlowTest extends ConsultTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    EventPublisher publisher;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    /** Hours ending in the last half day (alerts judge the last 48 hours only). */
    final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(12));
    final String region = "region-" + UUID.randomUUID();

    @BeforeEach
    void client() {
        api = ApiClient.onPort(port);
    }

    Instant hour(int n) {
        return base.plus(Duration.ofHours(n));
    }

    static String station(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void send(String station, Pollutant pollutant, double value, Instant hourEnd) throws Exception {
        ReadingAccepted reading = new ReadingAccepted(ReadingAccepted.naturalKey(station, pollutant, hourEnd, Duration.ofHours(1)),
                station, region, pollutant, value, pollutant.canonicalUnit().symbol(), hourEnd, Duration.ofHours(1),
                ReadingAccepted.Source.HTTP, List.of(), Instant.now());
        publisher.publish(Topics.READINGS, station, reading).get();
    }

    /** Once the value is stored, its hour has been judged: the value and the alerts are one transaction. */
    void awaitJudged(String station, Pollutant pollutant, Instant hourEnd) {
        await().atMost(WAIT).until(() -> jdbc.sql("""
                        select count(*) from alert_hourly_value where station_id = ? and pollutant = ? and hour_end = ?""")
                .params(station, pollutant.name(), Timestamp.from(hourEnd)).query(Integer.class).single() == 1);
    }

    JsonNode get(String path) {
        ApiClient.Response response = api.get(path, TestTokens.officer());
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.json();
    }

    List<JsonNode> alertsOf(String station) {
        List<JsonNode> alerts = new ArrayList<>();
        get("/api/v1/station-alerts?stationId=" + station).forEach(alerts::add);
        return alerts;
    }

    /** Waits for the station's alert of this rule and pollutant to match. */
    JsonNode awaitAlert(String station, String rule, Pollutant pollutant, Predicate<JsonNode> match) {
        return await().atMost(WAIT).until(() -> alertsOf(station).stream()
                .filter(a -> a.get("rule").asString().equals(rule) && a.get("pollutant").asString().equals(pollutant.name()))
                .filter(match).findFirst().orElse(null), a -> a != null);
    }

    static Predicate<JsonNode> status(String status) {
        return a -> a.get("status").asString().equals(status);
    }

    static String episodeId(String station, String rule, Pollutant pollutant, Instant episodeStart) {
        return new AlertKey(station, io.lantian.common.events.StationAlertEvent.Rule.valueOf(rule), pollutant).alertId(episodeStart);
    }

    static Predicate<ConsumerRecord<String, String>> eventOf(String alertId, String status) {
        return r -> r.value().contains("\"alertId\":\"" + alertId + "\"") && r.value().contains("\"status\":\"" + status + "\"");
    }

    @Test
    void aValueAboveItsThresholdRaisesOneAlertWithItsEvidenceAndARedeliveredReadingAddsNothing() throws Exception {
        String s = station("TH");
        String id = episodeId(s, "THRESHOLD", Pollutant.PM2_5, hour(0));
        try (TopicProbe events = new TopicProbe(Topics.STATION_ALERTS.name())) {
            // when an hour ending at hour(1) reads 212 µg/m³ PM2.5 (threshold 150)
            send(s, Pollutant.PM2_5, 212, hour(1));

            // then one alert, raised at once, with its evidence
            JsonNode alert = awaitAlert(s, "THRESHOLD", Pollutant.PM2_5, status("RAISED"));
            assertThat(alert.get("alertId").asString()).isEqualTo(id);
            assertThat(alert.get("regionId").asString()).isEqualTo(region);
            assertThat(Instant.parse(alert.get("episodeStart").asString())).isEqualTo(hour(0));
            assertThat(Instant.parse(alert.get("raisedHour").asString())).isEqualTo(hour(1));
            assertThat(alert.get("evidence").get("value").asDouble()).isEqualTo(212.0);
            assertThat(alert.get("evidence").get("limit").asDouble()).isEqualTo(150.0);
            assertThat(alert.get("evidence").get("threshold").asDouble()).isEqualTo(150.0);
            assertThat(alert.get("evidence").get("basis").asString()).contains("212").contains("150");
            assertThat(alert.get("revision").asInt()).isEqualTo(1);
            assertThat(alert.get("announced").asBoolean()).isTrue();

            // and on the topic, keyed by station, with its CloudEvents type
            ConsumerRecord<String, String> event = events.awaitRecord(eventOf(id, "RAISED"), WAIT);
            assertThat(event.key()).isEqualTo(s);
            assertThat(Headers.text(event, "ce_type")).isEqualTo(Topics.STATION_ALERTS.eventType());
            assertThat(event.value()).contains("\"revision\":1").contains("\"rule\":\"THRESHOLD\"").contains("\"threshold\":150.0");

            // when the same reading is delivered again, and an SO2 hour above its threshold follows it on the partition
            send(s, Pollutant.PM2_5, 212, hour(1));
            send(s, Pollutant.SO2, 900, hour(1));
            String so2 = episodeId(s, "THRESHOLD", Pollutant.SO2, hour(0));
            events.awaitRecord(eventOf(so2, "RAISED"), WAIT);

            // then the repeat made no second alert, transition or event (it would have come out before the SO2 one)
            assertThat(events.seen().stream().filter(r -> r.value().contains("\"alertId\":\"" + id + "\""))).hasSize(1);
            assertThat(alertsOf(s)).hasSize(2);
            JsonNode detail = get("/api/v1/station-alerts/" + id);
            assertThat(detail.get("alert").get("revision").asInt()).isEqualTo(1);
            assertThat(detail.get("transitions")).hasSize(1);
            assertThat(detail.get("transitions").get(0).get("published").asBoolean()).isTrue();
        }
    }

    @Test
    void anAlertResolvesAfterTwoClearHoursAndAValueJustUnderTheThresholdKeepsItOpen() throws Exception {
        String s = station("RES");
        String id = episodeId(s, "THRESHOLD", Pollutant.PM2_5, hour(0));
        try (TopicProbe events = new TopicProbe(Topics.STATION_ALERTS.name())) {
            send(s, Pollutant.PM2_5, 212, hour(1));
            awaitAlert(s, "THRESHOLD", Pollutant.PM2_5, status("RAISED"));

            // 140 is under 150 but above 0.9 × 150 (dead band); 100 is the first clear hour of two
            send(s, Pollutant.PM2_5, 140, hour(2));
            send(s, Pollutant.PM2_5, 100, hour(3));
            JsonNode stillOpen = awaitAlert(s, "THRESHOLD", Pollutant.PM2_5,
                    a -> Instant.parse(a.get("lastHour").asString()).equals(hour(3)));
            assertThat(stillOpen.get("status").asString()).isEqualTo("RAISED");
            assertThat(stillOpen.get("peakValue").asDouble()).isEqualTo(212.0);
            assertThat(stillOpen.get("lastEvidence").get("value").asDouble()).isEqualTo(100.0);

            // the second clear hour resolves it
            send(s, Pollutant.PM2_5, 90, hour(4));
            JsonNode resolved = awaitAlert(s, "THRESHOLD", Pollutant.PM2_5, status("RESOLVED"));
            assertThat(resolved.get("alertId").asString()).isEqualTo(id);
            assertThat(Instant.parse(resolved.get("resolvedHour").asString())).isEqualTo(hour(4));
            assertThat(resolved.get("revision").asInt()).isEqualTo(2);
            assertThat(resolved.get("lastEvidence").get("value").asDouble()).isEqualTo(90.0);

            ConsumerRecord<String, String> event = events.awaitRecord(eventOf(id, "RESOLVED"), WAIT);
            assertThat(event.value()).contains("\"revision\":2");

            JsonNode transitions = get("/api/v1/station-alerts/" + id).get("transitions");
            assertThat(transitions).hasSize(2);
            assertThat(transitions.get(1).get("status").asString()).isEqualTo("RESOLVED");
            assertThat(Instant.parse(transitions.get(1).get("hourEnd").asString())).isEqualTo(hour(4));
        }
        // history by region and status; from/to keep the episodes that overlap the window
        assertThat(get("/api/v1/station-alerts?regionId=" + region + "&status=OPEN")).isEmpty();
        assertThat(get("/api/v1/station-alerts?regionId=" + region + "&status=RESOLVED")).hasSize(1);
        assertThat(get("/api/v1/station-alerts?regionId=" + region + "&from=" + hour(2) + "&to=" + hour(3))).hasSize(1);
        assertThat(get("/api/v1/station-alerts?regionId=" + region + "&from=" + hour(5))).isEmpty();
        assertThat(get("/api/v1/station-alerts?regionId=" + region + "&to=" + hour(0))).isEmpty();
    }

    @Test
    void aSuddenRiseIsRaisedAfterTwoHoursAboveItsBaselineWithTheBaselineAsEvidence() throws Exception {
        String s = station("RISE");
        // PM10 60, 70, 65, then 200 (limit max(2 × 65, 65 + 100) = 165): one hour above is not enough
        send(s, Pollutant.PM10, 60, hour(1));
        send(s, Pollutant.PM10, 70, hour(2));
        send(s, Pollutant.PM10, 65, hour(3));
        send(s, Pollutant.PM10, 200, hour(4));
        awaitJudged(s, Pollutant.PM10, hour(4));
        assertThat(alertsOf(s)).isEmpty();

        // 300 next (mean of 70, 65, 200 = 111.7; limit 223.3) is the second hour above: raised, from hour 4 on
        send(s, Pollutant.PM10, 300, hour(5));
        JsonNode alert = awaitAlert(s, "SUDDEN_RISE", Pollutant.PM10, status("RAISED"));
        assertThat(alert.get("alertId").asString()).isEqualTo(episodeId(s, "SUDDEN_RISE", Pollutant.PM10, hour(3)));
        assertThat(alert.get("evidence").get("baseline").asDouble()).isCloseTo(111.67, org.assertj.core.data.Offset.offset(0.01));
        assertThat(alert.get("evidence").get("previousHours")).hasSize(3);
        assertThat(alert.get("evidence").get("value").asDouble()).isEqualTo(300.0);
        assertThat(alertsOf(s)).as("300 is below the PM10 threshold of 350").hasSize(1);
    }

    @Test
    void aStationFarAboveTheMedianOfItsRegionIsASuspectedLocalSourceAndBoundaryStationsStayOutOfTheMedian() throws Exception {
        String a = station("A");
        List<String> ambient = List.of(station("N1"), station("N2"), station("N3"));
        String boundary = station("B");
        register(a, StationClass.TOWNSHIP);
        ambient.forEach(n -> register(n, StationClass.TOWNSHIP));
        register(boundary, StationClass.ENTERPRISE_BOUNDARY);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from alert_station where region_id = ?")
                .param(region).query(Integer.class).single() == 5);

        // A first each hour, so its region-median verdict is made when the neighbours come in after it
        double[][] so2 = {{150, 20, 30, 25, 300}, {160, 22, 28, 26, 310}};
        for (int h = 0; h < 2; h++) {
            send(a, Pollutant.SO2, so2[h][0], hour(h + 1));
            for (int n = 0; n < 3; n++) {
                send(ambient.get(n), Pollutant.SO2, so2[h][n + 1], hour(h + 1));
            }
            send(boundary, Pollutant.SO2, so2[h][4], hour(h + 1));
        }

        JsonNode alert = awaitAlert(a, "ABOVE_REGION_MEDIAN", Pollutant.SO2, status("RAISED"));
        assertThat(alert.get("alertId").asString()).isEqualTo(episodeId(a, "ABOVE_REGION_MEDIAN", Pollutant.SO2, hour(0)));
        assertThat(alert.get("stationClass").asString()).isEqualTo("TOWNSHIP");
        JsonNode evidence = alert.get("evidence");
        assertThat(evidence.get("regionMedian").asDouble()).as("median of 22, 26, 28; the boundary station's 310 is not in it")
                .isEqualTo(26.0);
        assertThat(evidence.get("limit").asDouble()).isEqualTo(76.0);
        List<String> neighbours = new ArrayList<>();
        evidence.get("neighbours").forEach(n -> neighbours.add(n.get("stationId").asString()));
        assertThat(neighbours).containsExactlyInAnyOrderElementsOf(ambient);

        // the boundary station itself, far above the ambient stations, is the classic on-site check
        JsonNode atBoundary = awaitAlert(boundary, "ABOVE_REGION_MEDIAN", Pollutant.SO2, status("RAISED"));
        assertThat(atBoundary.get("stationClass").asString()).isEqualTo("ENTERPRISE_BOUNDARY");
        ambient.forEach(n -> assertThat(alertsOf(n)).as("ambient station %s", n).isEmpty());
    }

    void register(String station, StationClass stationClass) {
        try {
            publisher.publish(Topics.STATIONS, station, new StationRegistered(station, station, stationClass, region, null,
                    34.8, 112.4, EnumSet.of(Pollutant.SO2), false)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAlertInAMaintenanceWindowIsRecordedSilencedStaysOffTheTopicAndIsRaisedWhenTheWindowEnds() throws Exception {
        String s = station("SIL");
        String id = episodeId(s, "THRESHOLD", Pollutant.PM2_5, hour(0));
        // the window covers the hours ending at hour(1) and hour(2)
        ApiClient.Response created = api.postJson("/api/v1/silences", TestTokens.officer(),
                "{\"stationId\":\"" + s + "\",\"from\":\"" + hour(0).minus(Duration.ofMinutes(30)) + "\",\"to\":\"" + hour(2)
                        + "\",\"reason\":\"PM2.5 analyser calibration\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String silenceId = created.json().get("silenceId").asString();
        assertThat(created.raw().headers().firstValue("Location")).contains("/api/v1/silences/" + silenceId);
        assertThat(created.json().get("createdBy").asString()).isEqualTo("officer-zhang");

        try (TopicProbe events = new TopicProbe(Topics.STATION_ALERTS.name())) {
            send(s, Pollutant.PM2_5, 300, hour(1));
            JsonNode silenced = awaitAlert(s, "THRESHOLD", Pollutant.PM2_5, status("SILENCED"));
            assertThat(silenced.get("statusReason").asString()).contains("PM2.5 analyser calibration").contains(silenceId);
            assertThat(silenced.get("announced").asBoolean()).isFalse();

            send(s, Pollutant.PM2_5, 300, hour(2));
            send(s, Pollutant.PM2_5, 300, hour(3));
            JsonNode raised = awaitAlert(s, "THRESHOLD", Pollutant.PM2_5, status("RAISED"));
            assertThat(raised.get("alertId").asString()).as("the same episode").isEqualTo(id);
            assertThat(raised.get("revision").asInt()).isEqualTo(2);

            ConsumerRecord<String, String> event = events.awaitRecord(eventOf(id, "RAISED"), WAIT);
            assertThat(event.value()).contains("\"revision\":2");
            assertThat(events.seen().stream().filter(eventOf(id, "SILENCED"))).as("silenced: recorded only").isEmpty();
        }
        JsonNode transitions = get("/api/v1/station-alerts/" + id).get("transitions");
        assertThat(transitions.get(0).get("status").asString()).isEqualTo("SILENCED");
        assertThat(transitions.get(0).get("published").asBoolean()).isFalse();

        JsonNode listed = get("/api/v1/silences?stationId=" + s);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("state").asString()).isEqualTo("ENDED");

        assertThat(delete("/api/v1/silences/" + silenceId)).isEqualTo(204);
        JsonNode deleted = get("/api/v1/silences/" + silenceId);
        assertThat(deleted.get("state").asString()).isEqualTo("DELETED");
        assertThat(deleted.get("deletedBy").asString()).isEqualTo("officer-zhang");
        assertThat(delete("/api/v1/silences/" + silenceId)).as("a second DELETE changes nothing").isEqualTo(204);
        assertThat(delete("/api/v1/silences/" + UUID.randomUUID())).isEqualTo(404);
    }

    /** ApiClient has no DELETE yet: the same real HTTP call, by hand. */
    int delete(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.officer()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        return response.statusCode();
    }

    @Test
    void aParticleAlertIsSuppressedWhileItsRegionIsUnderAWarningAndRaisedOnceTheWarningIsLifted() throws Exception {
        String s = station("INH");
        ApiClient.Response issued = api.postJson("/api/v1/warnings", TestTokens.officer(),
                "{\"regionId\":\"" + region + "\",\"level\":\"YELLOW\",\"reason\":\"provincial notice\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String warningId = issued.json().get("warningId").asString();
        String id = episodeId(s, "THRESHOLD", Pollutant.PM2_5, hour(0));

        try (TopicProbe events = new TopicProbe(Topics.STATION_ALERTS.name())) {
            send(s, Pollutant.PM2_5, 300, hour(1));
            send(s, Pollutant.O3, 450, hour(1));

            JsonNode pm = awaitAlert(s, "THRESHOLD", Pollutant.PM2_5, status("SUPPRESSED"));
            assertThat(pm.get("statusReason").asString()).isEqualTo("region under YELLOW warning " + warningId);
            events.awaitRecord(eventOf(id, "SUPPRESSED"), WAIT);
            // a yellow (particle) episode does not explain ozone
            awaitAlert(s, "THRESHOLD", Pollutant.O3, status("RAISED"));

            ApiClient.Response lifted = api.postJson("/api/v1/warnings/" + warningId + "/lift", TestTokens.officer(),
                    "{\"reason\":\"episode over\"}");
            assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
            send(s, Pollutant.PM2_5, 300, hour(2));
            JsonNode raised = awaitAlert(s, "THRESHOLD", Pollutant.PM2_5, status("RAISED"));
            assertThat(raised.get("alertId").asString()).isEqualTo(id);
            assertThat(raised.get("revision").asInt()).isEqualTo(2);
            events.awaitRecord(eventOf(id, "RAISED"), WAIT);
        }
    }

    @Test
    void alertsAreCountedByRuleWithoutAStationIdInTheTags() throws Exception {
        String s = station("MET");
        send(s, Pollutant.PM10, 400, hour(1));
        awaitAlert(s, "THRESHOLD", Pollutant.PM10, status("RAISED"));

        String metrics = await().atMost(WAIT).until(() -> api.get("/actuator/prometheus", null).body(),
                body -> body.contains("lantian_consult_station_alerts_raised_total{")
                        && body.lines().anyMatch(l -> l.startsWith("lantian_consult_station_alerts_raised_total{")
                        && l.contains("pollutant=\"PM10\"") && l.contains("rule=\"THRESHOLD\"") && l.contains("status=\"RAISED\"")));
        assertThat(metrics).doesNotContain(s);
        assertThat(metrics.lines().filter(l -> l.startsWith("lantian_consult_station_alerts_raised_total{")))
                .allSatisfy(l -> assertThat(labelNames(l)).containsExactly("application", "pollutant", "rule", "status"));
    }

    /** {@code name{a="x",b="y"} 1.0} → [a, b] */
    static List<String> labelNames(String line) {
        String labels = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}'));
        return java.util.Arrays.stream(labels.split("\",")).map(l -> l.substring(0, l.indexOf('='))).toList();
    }

    @Test
    void alertsAndSilencesAreForOfficersAndErrorsAreProblems() {
        assertThat(api.get("/api/v1/station-alerts", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/station-alerts", TestTokens.ingest()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/silences", TestTokens.enterprise("91410300MA44XXXX1X")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/silences", TestTokens.chief()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/station-alerts", TestTokens.admin()).status()).isEqualTo(200);

        ApiClient.Response missing = api.get("/api/v1/station-alerts/nope:THRESHOLD:PM2_5:20261129T0000Z", TestTokens.officer());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:lantian:problem:not-found");

        ApiClient.Response badStatus = api.get("/api/v1/station-alerts?status=LOUD", TestTokens.officer());
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.contentType()).startsWith("application/problem+json");

        String s = station("VAL");
        ApiClient.Response backwards = api.postJson("/api/v1/silences", TestTokens.officer(),
                "{\"stationId\":\"" + s + "\",\"from\":\"" + hour(2) + "\",\"to\":\"" + hour(1) + "\",\"reason\":\"x\"}");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("type").asString()).isEqualTo("urn:lantian:problem:validation");
        assertThat(backwards.json().get("errors").get(0).get("field").asString()).isEqualTo("to");

        ApiClient.Response tooLong = api.postJson("/api/v1/silences", TestTokens.officer(),
                "{\"stationId\":\"" + s + "\",\"from\":\"" + hour(0) + "\",\"to\":\"" + hour(0).plus(Duration.ofDays(40))
                        + "\",\"reason\":\"rebuild\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("message").asString()).contains("at most");

        ApiClient.Response noReason = api.postJson("/api/v1/silences", TestTokens.officer(),
                "{\"stationId\":\"" + s + "\",\"from\":\"" + hour(0) + "\",\"to\":\"" + hour(1) + "\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");

        assertThat(get("/api/v1/silences?stationId=" + s)).as("nothing stored").isEmpty();
    }
}
