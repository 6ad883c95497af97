package io.lantian.dispatch.compliance;

import io.lantian.common.events.PowerReading;
import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.dispatch.DispatchTestSupport;
import io.lantian.testing.ApiClient;
import io.lantian.testing.Headers;
import io.lantian.testing.JsonArrays;
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
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Compliance verification on the real broker and PostgreSQL with the demo reduction list: readings in through
 * the API and Kafka, baselines, verdicts, flags with their evidence, the order event and the officer notices.
 *
 * <p>Orders are made by publishing warnings, as in production. To verify an order the test needs readings from
 * after its revision took effect, and readings cannot come from the future, so each order under test is moved
 * 3 h into the past ({@link #takeEffectHoursAgo}); its readings are then past ones: the baseline ends 4 h ago,
 * the observed readings are 15-minute periods over the last 105 minutes. Thresholds are the defaults (grace 1 h,
 * window 2 h, ≥ 4 readings, baseline ≥ 24 h of 7 days, stop residual 0.2, tolerance 0.15). Each scenario uses
 * its own demo enterprise, so their readings do not mix (the module's tests share one database).
 */
@TestPropertySource(properties = {
        "lantian.dispatch.reduction-list.seed-file=classpath:demo/mengjin-reduction-list-2026.json",
        "lantian.dispatch.compliance.max-batch-size=200",
        "lantian.dispatch.compliance.evaluate-interval=1s"})
class ComplianceVerificationTest extends DispatchTestSupport {

    static final String REFRACTORY = "91410308MA9F0001K3"; // YELLOW: L1 LIMIT 30 %, L2 STOP; township 麻屯镇
    static final String FOUNDRY = "91410308MA9F0002L7";    // ORANGE: F1 LIMIT 50 %, F2 STOP
    static final String BUILDING = "91410308MA9F0003MB";   // YELLOW: M1 STOP
    static final String PRINTER = "91410308MA9F0005PK";    // RED (whitelisted up to orange only): P1 STOP
    static final String SAND = "91410308MA9F0006QP";       // YELLOW: S1 STOP
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Readings are aligned to whole minutes before now. */
    Instant t0;

    @BeforeEach
    void setUp() {
        t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    }

    // --- orders -------------------------------------------------------------------------------------------------

    String issue(WarningLevel level) throws Exception {
        String warningId = UUID.randomUUID().toString();
        publisher.publish(Topics.WARNINGS, "mengjin", new WarningEvent(warningId, 1, "mengjin", Action.ISSUED, level,
                Instant.now(), "test", "officer-zhang", Instant.now())).get();
        return warningId;
    }

    void lift(String warningId, WarningLevel level) throws Exception {
        publisher.publish(Topics.WARNINGS, "mengjin", new WarningEvent(warningId, 2, "mengjin", Action.LIFTED, level,
                Instant.now(), "test over", "officer-zhang", Instant.now())).get();
    }

    String awaitOrder(String warningId, String enterpriseId) {
        await().atMost(WAIT).until(() -> orderId(warningId, enterpriseId) != null);
        return orderId(warningId, enterpriseId);
    }

    String orderId(String warningId, String enterpriseId) {
        return jdbc.sql("select order_id::text from curtailment_order where warning_id = ? and enterprise_id = ?")
                .params(UUID.fromString(warningId), enterpriseId).query(String.class).optional().orElse(null);
    }

    /** Moves the order (and its history) into the past, as if its revision had been issued that long ago. */
    void takeEffectHoursAgo(String orderId, int hours) {
        int seconds = hours * 3600;
        jdbc.sql("""
                        update curtailment_order set created_at = created_at - make_interval(secs => ?),
                          updated_at = updated_at - make_interval(secs => ?) where order_id = ?""")
                .params(seconds, seconds, UUID.fromString(orderId)).update();
        jdbc.sql("update order_history set occurred_at = occurred_at - make_interval(secs => ?) where order_id = ?")
                .params(seconds, UUID.fromString(orderId)).update();
    }

    String status(String orderId) {
        return jdbc.sql("select status from curtailment_order where order_id = ?").param(UUID.fromString(orderId))
                .query(String.class).single();
    }

    JsonNode compliance(String orderId) {
        var response = api.get("/api/v1/orders/" + orderId + "/compliance", TestTokens.officer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static JsonNode evaluationOf(JsonNode view, String lineId) {
        return JsonArrays.firstWhere(view.get("evaluations"), "lineId", lineId);
    }

    int flagCount(String orderId) {
        return jdbc.sql("select count(*) from compliance_flag where order_id = ?").param(UUID.fromString(orderId))
                .query(Integer.class).single();
    }

    // --- readings -----------------------------------------------------------------------------------------------

    static Map<String, Object> reading(String enterpriseId, String lineId, Instant periodEnd, String period, double kwh) {
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("enterpriseId", enterpriseId);
        if (lineId != null) {
            reading.put("lineId", lineId);
        }
        reading.put("periodEnd", periodEnd.atOffset(ZoneOffset.ofHours(8)).toString());
        reading.put("period", period);
        reading.put("energyKwh", kwh);
        reading.put("source", "test-meter");
        return reading;
    }

    /** Hourly readings ending 4 h, 5 h … before t0, alternating low and high around a mean of {@code kw}. */
    List<Map<String, Object>> baseline(String enterpriseId, String lineId, int hours, double kw) {
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            double swing = hours % 2 == 0 ? (i % 2 == 0 ? -0.05 : 0.05) * kw : 0;
            readings.add(reading(enterpriseId, lineId, t0.minus(Duration.ofHours(4 + i)), "PT1H", kw + swing));
        }
        return readings;
    }

    /** Six 15-minute readings ending 90 … 15 minutes before t0, alternating around a mean of {@code kw}. */
    List<PowerReading> recent(String enterpriseId, String lineId, double kw) {
        List<PowerReading> readings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double kwh = kw / 4 * (i % 2 == 0 ? 0.96 : 1.04);
            readings.add(new PowerReading(enterpriseId, lineId, t0.minus(Duration.ofMinutes(90 - 15L * i)),
                    Duration.ofMinutes(15), kwh, "test-meter", Instant.now()));
        }
        return readings;
    }

    static List<Map<String, Object>> asJson(List<PowerReading> readings) {
        return readings.stream().map(r -> reading(r.enterpriseId(), r.lineId(), r.periodEnd(), r.period().toString(),
                r.energyKwh())).toList();
    }

    ApiClient.Response post(List<Map<String, Object>> readings, String token) {
        return api.postJson("/api/v1/power-readings", token, ApiClient.toJson(Map.of("readings", readings)));
    }

    JsonNode postOk(List<Map<String, Object>> readings) {
        var response = post(readings, TestTokens.ingest());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("rejected").asInt()).as(response.body()).isZero();
        return response.json();
    }

    // --- scenarios ----------------------------------------------------------------------------------------------

    @Test
    void aLineThatKeepsRunningUnderAStopIsFlaggedWithItsEvidenceAnOrderEventAndNoticesOnce() throws Exception {
        postOk(baseline(REFRACTORY, "L1", 48, 500));
        postOk(baseline(REFRACTORY, "L2", 48, 200));
        String warningId = issue(WarningLevel.YELLOW);
        try (TopicProbe events = new TopicProbe(Topics.ORDER_EVENTS.name())) {
            String orderId = awaitOrder(warningId, REFRACTORY);
            takeEffectHoursAgo(orderId, 3);

            // L1 (limit 30 %) went down to 340 kW; L2 (stop) kept drawing its 200 kW
            List<Map<String, Object>> recent = new ArrayList<>(asJson(recent(REFRACTORY, "L1", 340)));
            recent.addAll(asJson(recent(REFRACTORY, "L2", 200)));
            postOk(recent);

            await().atMost(WAIT).until(() -> status(orderId).equals("NON_COMPLIANT"));
            ConsumerRecord<String, String> event = events.awaitRecord(r -> r.value().contains(orderId)
                    && r.value().contains("\"status\":\"NON_COMPLIANT\""), WAIT);
            assertThat(event.key()).isEqualTo(REFRACTORY);
            assertThat(event.value()).contains("line L2 STOP: 200.0 kW observed > 46.0 kW allowed (baseline 200.0 kW over 48 h), 6 readings");

            JsonNode view = compliance(orderId);
            assertThat(view.get("status").asString()).isEqualTo("NON_COMPLIANT");
            JsonNode flags = view.get("flags");
            assertThat(flags).hasSize(1);
            JsonNode flag = flags.get(0);
            assertThat(flag.get("lineId").asString()).isEqualTo("L2");
            assertThat(flag.get("action").asString()).isEqualTo("STOP");
            assertThat(flag.get("revision").asInt()).isEqualTo(1);
            assertThat(flag.get("baselineKw").asDouble()).isCloseTo(200.0, within(1e-6));
            assertThat(flag.get("baselineHours").asDouble()).isCloseTo(48.0, within(1e-6));
            assertThat(flag.get("observedKw").asDouble()).isCloseTo(200.0, within(1e-6));
            assertThat(flag.get("expectedMaxKw").asDouble()).as("200 kW × 0.2 × 1.15").isCloseTo(46.0, within(1e-6));
            assertThat(flag.get("readingsUsed").asInt()).isEqualTo(6);
            assertThat(flag.get("stopResidual").asDouble()).isEqualTo(0.2);
            assertThat(flag.get("tolerance").asDouble()).isEqualTo(0.15);
            Instant windowFrom = Instant.parse(flag.get("windowFrom").asString());
            Instant windowTo = Instant.parse(flag.get("windowTo").asString());
            assertThat(Duration.between(windowFrom, windowTo)).as("the 2 h window").isEqualTo(Duration.ofHours(2));
            assertThat(windowTo).isBefore(Instant.now().plusSeconds(1));

            JsonNode l1 = evaluationOf(view, "L1");
            assertThat(l1.get("result").asString()).isEqualTo("COMPLIANT");
            assertThat(l1.get("limitPercent").asInt()).isEqualTo(30);
            assertThat(l1.get("observedKw").asDouble()).isCloseTo(340.0, within(1e-6));
            assertThat(l1.get("expectedMaxKw").asDouble()).as("500 kW × 0.7 × 1.15").isCloseTo(402.5, within(1e-6));
            assertThat(evaluationOf(view, "L2").get("result").asString()).isEqualTo("NON_COMPLIANT");

            assertThat(jdbc.sql("select actor || ' ' || note from order_history where order_id = ? and status = 'NON_COMPLIANT'")
                    .param(UUID.fromString(orderId)).query(String.class).single())
                    .startsWith("system power use shows the measures not applied: line L2 STOP");
            List<Map<String, Object>> notices = jdbc.sql("""
                            select kind, audience, region_id, township, dedup_key, text from officer_notice
                            where dedup_key like ? order by audience""")
                    .param("non-compliance:" + orderId + ":%").query().listOfRows();
            assertThat(notices).hasSize(2);
            assertThat(notices.get(0)).containsEntry("kind", "NON_COMPLIANCE").containsEntry("audience", "DUTY_OFFICER")
                    .containsEntry("region_id", "mengjin").containsEntry("dedup_key", "non-compliance:" + orderId + ":r1:L2:duty");
            assertThat(notices.get(1)).containsEntry("audience", "TOWNSHIP_OFFICER").containsEntry("township", "麻屯镇")
                    .containsEntry("dedup_key", "non-compliance:" + orderId + ":r1:L2:township");
            assertThat((String) notices.get(0).get("text")).contains("洛阳蓝天演示耐火材料有限公司").contains("46.0 kW allowed");

            // the same readings again (corrections of themselves) and a sweep: still one flag, one event, two notices
            postOk(recent);
            assertThat(flagCount(orderId)).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from order_history where order_id = ? and status = 'NON_COMPLIANT'")
                    .param(UUID.fromString(orderId)).query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from officer_notice where dedup_key like ?")
                    .param("non-compliance:" + orderId + ":%").query(Integer.class).single()).isEqualTo(2);

            String metrics = api.get("/actuator/prometheus", null).body();
            assertThat(metrics).containsPattern("lantian_compliance_flags_total\\{[^}]*action=\"STOP\"[^}]*} [1-9]");
            assertThat(metrics).containsPattern("lantian_power_readings_total\\{[^}]*path=\"http\"[^}]*result=\"accepted\"[^}]*} [1-9]");
            assertThat(metrics).doesNotContain(REFRACTORY);
        } finally {
            lift(warningId, WarningLevel.YELLOW);
        }
    }

    @Test
    void aLineThatWasCutIsCompliantAndASilentLineIsNoVerdict() throws Exception {
        postOk(baseline(FOUNDRY, "F1", 48, 300));
        postOk(baseline(FOUNDRY, "F2", 48, 80));
        String warningId = issue(WarningLevel.ORANGE);
        try {
            String orderId = awaitOrder(warningId, FOUNDRY);
            takeEffectHoursAgo(orderId, 3);
            postOk(asJson(recent(FOUNDRY, "F1", 140))); // limit 50 %: at most 300 × 0.5 × 1.15 = 172.5 kW; F2 sends nothing

            await().atMost(WAIT).until(() -> compliance(orderId).get("evaluations").size() == 2);
            JsonNode view = compliance(orderId);
            JsonNode f1 = evaluationOf(view, "F1");
            assertThat(f1.get("result").asString()).isEqualTo("COMPLIANT");
            assertThat(f1.get("baselineKw").asDouble()).isCloseTo(300.0, within(1e-6));
            assertThat(f1.get("observedKw").asDouble()).isCloseTo(140.0, within(1e-6));
            assertThat(f1.get("expectedMaxKw").asDouble()).isCloseTo(172.5, within(1e-6));
            assertThat(f1.get("readingsUsed").asInt()).isEqualTo(6);
            JsonNode f2 = evaluationOf(view, "F2");
            assertThat(f2.get("result").asString()).as("no readings is no verdict").isEqualTo("NO_DATA");
            assertThat(f2.get("readingsUsed").asInt()).isZero();
            assertThat(f2.get("observedKw").isNull()).isTrue();
            assertThat(view.get("flags")).isEmpty();
            assertThat(status(orderId)).isEqualTo("PENDING");
            assertThat(flagCount(orderId)).isZero();
        } finally {
            lift(warningId, WarningLevel.ORANGE);
        }
    }

    @Test
    void withoutEnoughBaselineThereIsNoVerdictAndNoFlag() throws Exception {
        postOk(baseline(BUILDING, "M1", 10, 150)); // 10 h of the 24 h needed
        String warningId = issue(WarningLevel.YELLOW);
        try {
            String orderId = awaitOrder(warningId, BUILDING);
            takeEffectHoursAgo(orderId, 3);
            postOk(asJson(recent(BUILDING, "M1", 150))); // would be far above a stop's 34.5 kW

            await().atMost(WAIT).until(() -> compliance(orderId).get("evaluations").size() == 1);
            JsonNode m1 = evaluationOf(compliance(orderId), "M1");
            assertThat(m1.get("result").asString()).isEqualTo("INSUFFICIENT_BASELINE");
            assertThat(m1.get("baselineHours").asDouble()).isCloseTo(10.0, within(1e-6));
            assertThat(m1.get("expectedMaxKw").isNull()).isTrue();
            assertThat(status(orderId)).isEqualTo("PENDING");
            assertThat(flagCount(orderId)).isZero();
        } finally {
            lift(warningId, WarningLevel.YELLOW);
        }
    }

    @Test
    void theScheduleFlagsAnOrderWhoseReadingsCameBeforeItsGracePeriodEnded() throws Exception {
        postOk(baseline(PRINTER, "P1", 30, 120));
        postOk(asJson(recent(PRINTER, "P1", 110))); // nothing is due yet when these arrive
        String warningId = issue(WarningLevel.RED);
        try {
            String orderId = awaitOrder(warningId, PRINTER);
            assertThat(compliance(orderId).get("mode").asString()).isEqualTo("MANDATORY");
            takeEffectHoursAgo(orderId, 3); // no reading arrives after this: only the sweep (every second here) sees it

            await().atMost(WAIT).until(() -> status(orderId).equals("NON_COMPLIANT"));
            JsonNode flag = compliance(orderId).get("flags").get(0);
            assertThat(flag.get("lineId").asString()).isEqualTo("P1");
            assertThat(flag.get("observedKw").asDouble()).isCloseTo(110.0, within(1e-6));
            assertThat(flag.get("expectedMaxKw").asDouble()).isCloseTo(120 * 0.2 * 1.15, within(1e-6));
            assertThat(jdbc.sql("select count(*) from officer_notice where dedup_key like ?")
                    .param("non-compliance:" + orderId + ":r1:P1:%").query(Integer.class).single()).isEqualTo(2);
        } finally {
            lift(warningId, WarningLevel.RED);
        }
    }

    @Test
    void readingsFromKafkaAreStoredAndVerified() throws Exception {
        postOk(baseline(SAND, "S1", 48, 100));
        String warningId = issue(WarningLevel.YELLOW);
        try {
            String orderId = awaitOrder(warningId, SAND);
            takeEffectHoursAgo(orderId, 3);
            for (PowerReading reading : recent(SAND, "S1", 100)) {
                publisher.publish(Topics.POWER_READINGS, SAND, reading).get();
            }

            // all six arrive through the topic; the periodic check may flag the order once four are in (min-readings)
            await().atMost(WAIT).until(() -> jdbc.sql("""
                            select count(*) from power_reading where enterprise_id = ? and line_key = 'S1'
                            and period_seconds = 900 and period_end > ?""")
                    .params(SAND, java.sql.Timestamp.from(t0.minus(Duration.ofHours(2)))).query(Integer.class).single() == 6);
            await().atMost(WAIT).until(() -> status(orderId).equals("NON_COMPLIANT"));
            JsonNode flag = compliance(orderId).get("flags").get(0);
            assertThat(flag.get("observedKw").asDouble()).isCloseTo(100.0, within(1e-6));
            assertThat(flag.get("expectedMaxKw").asDouble()).isCloseTo(23.0, within(1e-6));
        } finally {
            lift(warningId, WarningLevel.YELLOW);
        }
    }

    @Test
    void poisonRecordsAndInvalidReadingsGoToTheDeadLetterTopicWithTheirReason() throws Exception {
        String marker = "meter-" + UUID.randomUUID();
        String poisonKey = "poison-" + UUID.randomUUID();
        try (TopicProbe dlt = new TopicProbe(Topics.POWER_READINGS.deadLetterName());
             KafkaProducer<String, String> raw = new KafkaProducer<>(Map.of("bootstrap.servers", TestInfra.kafkaBootstrap()),
                     new StringSerializer(), new StringSerializer())) {
            raw.send(new ProducerRecord<>(Topics.POWER_READINGS.name(), poisonKey, "{not json")).get();
            publisher.publish(Topics.POWER_READINGS, SAND, new PowerReading(SAND, "X9", t0.minus(Duration.ofDays(20)),
                    Duration.ofHours(1), 5, marker, Instant.now())).get();
            publisher.publish(Topics.POWER_READINGS, SAND, new PowerReading(SAND, "S1", t0.minus(Duration.ofDays(20)),
                    Duration.ofHours(1), -5, marker, Instant.now())).get();

            ConsumerRecord<String, String> poison = dlt.awaitRecord(r -> poisonKey.equals(r.key()), WAIT);
            assertThat(poison.value()).isEqualTo("{not json");
            assertThat(Headers.text(poison, "kafka_dlt-exception-fqcn")).contains("DeserializationException");

            ConsumerRecord<String, String> unknownLine = dlt.awaitRecord(r -> r.value().contains(marker)
                    && r.value().contains("\"lineId\":\"X9\""), WAIT);
            assertThat(Headers.text(unknownLine, "kafka_dlt-exception-message")).contains("UNKNOWN_LINE").contains("X9");
            assertThat(Headers.text(unknownLine, "kafka_dlt-original-topic")).isEqualTo(Topics.POWER_READINGS.name());
            ConsumerRecord<String, String> negative = dlt.awaitRecord(r -> r.value().contains(marker)
                    && r.value().contains("\"energyKwh\":-5"), WAIT); // not just "-5": the marker's UUID may hold that
            assertThat(Headers.text(negative, "kafka_dlt-exception-message")).contains("INVALID_ENERGY");
            assertThat(jdbc.sql("select count(*) from power_reading where source = ?").param(marker)
                    .query(Integer.class).single()).isZero();
        }
    }

    @Test
    void aReadingForTheSamePeriodReplacesTheEarlierOne() {
        Instant periodEnd = t0.minus(Duration.ofDays(30));
        JsonNode first = postOk(List.of(reading(BUILDING, null, periodEnd, "PT15M", 40.0)));
        assertThat(first.get("results").get(0).get("replaced").asBoolean()).isFalse();
        // the same period, its end written in another offset: a correction
        Map<String, Object> correction = reading(BUILDING, null, periodEnd, "PT15M", 42.5);
        correction.put("periodEnd", periodEnd.atOffset(ZoneOffset.UTC).toString());
        JsonNode second = postOk(List.of(correction));
        assertThat(second.get("results").get(0).get("replaced").asBoolean()).isTrue();
        assertThat(second.get("results").get(0).get("status").asString()).isEqualTo("ACCEPTED");

        assertThat(jdbc.sql("select count(*), sum(energy_kwh) from power_reading where enterprise_id = ? and line_key = '' and period_end = ?")
                .params(BUILDING, java.sql.Timestamp.from(periodEnd)).query().singleRow())
                .containsEntry("count", 1L).containsEntry("sum", 42.5);
    }

    @Test
    void invalidBatchesAreProblemDetails() {
        String future = Instant.now().plus(Duration.ofHours(1)).toString();
        String past = t0.minus(Duration.ofDays(40)).toString();
        String batch = """
                {"readings": [
                  {"enterpriseId": "91410308XXXXXXXXXX", "periodEnd": "%2$s", "period": "PT1H", "energyKwh": 1},
                  {"enterpriseId": "%1$s", "lineId": "Z1", "periodEnd": "%2$s", "period": "PT1H", "energyKwh": 1},
                  {"enterpriseId": "%1$s", "lineId": "S1", "periodEnd": "%3$s", "period": "PT1H", "energyKwh": 1},
                  {"enterpriseId": "%1$s", "lineId": "S1", "periodEnd": "%2$s", "period": "P2D", "energyKwh": 1},
                  {"enterpriseId": "%1$s", "lineId": "S1", "periodEnd": "%2$s", "period": "PT0S", "energyKwh": 1},
                  {"enterpriseId": "%1$s", "lineId": "S1", "periodEnd": "%2$s", "period": "PT1H", "energyKwh": -0.1},
                  {"enterpriseId": "%1$s", "lineId": "S1", "periodEnd": "yesterday", "period": "PT1H", "energyKwh": 1},
                  {"enterpriseId": "%1$s", "lineId": "S1", "periodEnd": "%2$s", "period": "PT1H"},
                  42
                ]}""".formatted(SAND, past, future);
        var rejected = api.postJson("/api/v1/power-readings", TestTokens.ingest(), batch);
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(rejected.json().get("type").asString()).isEqualTo("urn:lantian:problem:power-readings-rejected");
        assertThat(JsonArrays.texts(rejected.json().get("results"), "reason")).containsExactly("UNKNOWN_ENTERPRISE",
                "UNKNOWN_LINE", "IN_FUTURE", "INVALID_PERIOD", "INVALID_PERIOD", "INVALID_ENERGY", "INVALID_TIMESTAMP",
                "MISSING_FIELD", "MALFORMED");

        var mixed = post(List.of(reading(SAND, "S1", t0.minus(Duration.ofDays(40)), "PT1H", 3),
                reading(SAND, "S9", t0.minus(Duration.ofDays(40)), "PT1H", 3)), TestTokens.admin());
        assertThat(mixed.status()).isEqualTo(200);
        assertThat(mixed.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(mixed.json().get("results").get(1).get("reason").asString()).isEqualTo("UNKNOWN_LINE");

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add(reading(SAND, "S1", t0.minus(Duration.ofDays(50)).minus(Duration.ofHours(i)), "PT1H", 1));
        }
        var large = post(tooMany, TestTokens.ingest());
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.json().get("type").asString()).isEqualTo("urn:lantian:problem:payload-too-large");

        var missing = api.postJson("/api/v1/power-readings", TestTokens.ingest(), "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:lantian:problem:validation");
        var unreadable = api.postJson("/api/v1/power-readings", TestTokens.ingest(), "{\"readings\": [");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.contentType()).startsWith("application/problem+json");
    }

    @Test
    void rolesAreEnforced() {
        String body = ApiClient.toJson(Map.of("readings", List.of()));
        assertThat(api.postJson("/api/v1/power-readings", null, body).status()).isEqualTo(401);
        assertThat(api.postJson("/api/v1/power-readings", TestTokens.officer(), body).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/power-readings", TestTokens.enterprise(SAND), body).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/power-readings", TestTokens.ingest(), body).status()).isEqualTo(200);
        String someOrder = "/api/v1/orders/" + UUID.randomUUID() + "/compliance";
        assertThat(api.get(someOrder, TestTokens.ingest()).status()).isEqualTo(403);
        assertThat(api.get(someOrder, TestTokens.enterprise(SAND)).status()).isEqualTo(403);
        var unknown = api.get(someOrder, TestTokens.officer());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asString()).isEqualTo("urn:lantian:problem:not-found");
    }
}
