package io.lantian.dispatch.report;

import io.lantian.common.csv.CsvLine;
import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.dispatch.DispatchTestSupport;
import io.lantian.dispatch.list.CreditCode;
import io.lantian.dispatch.order.OrderService;
import io.lantian.dispatch.order.OrderTransitions;
import io.lantian.testing.ApiClient;
import io.lantian.testing.JsonArrays;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Warning reports, the CSV export and the order metrics on the real broker and PostgreSQL, with orders made
 * from warnings on {@code aq.warnings.v1} and answered through the enterprise API.
 */
@TestPropertySource(properties = {
        "lantian.dispatch.reduction-list.seed-file=classpath:demo/mengjin-reduction-list-2026.json",
        "lantian.dispatch.reports.unacknowledged-refresh=200ms"})
class WarningReportTest extends DispatchTestSupport {

    // the demo list (demo/mengjin-reduction-list-2026.json)
    static final String REFRACTORY = "91410308MA9F0001K3"; // B
    static final String FOUNDRY = "91410308MA9F0002L7";    // C
    static final String BUILDING = "91410308MA9F0003MB";   // D
    static final String CHEMICAL = "91410308MA9F0004NF";   // A
    static final String PRINTER = "91410308MA9F0005PK";    // C, 白名单 up to ORANGE
    static final String SAND = "91410308MA9F0006QP";       // D
    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    OrderTransitions transitions;
    @Autowired
    OrderService orderService;
    @Autowired
    TransactionTemplate tx;

    @Test
    void theReportCountsOrdersTimesAcknowledgementsAndNamesWhoHasNotAnsweredOrDidNotComply() throws Exception {
        String warningId = issue("mengjin", WarningLevel.ORANGE);
        Map<String, String> orders = awaitOrders(warningId, 6);
        acknowledge(orders, REFRACTORY, "隧道窑已限产");
        acknowledge(orders, CHEMICAL, "储罐装卸已错峰");
        acknowledge(orders, BUILDING, "已停产");
        var refused = answer("/api/v1/enterprise/orders/" + orders.get(FOUNDRY) + "/cannot-comply", FOUNDRY,
                "{\"revision\":1,\"code\":\"SAFETY\",\"reason\":\"中频炉熔炼中，立即停炉有安全风险\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        // what the compliance check does when power use shows the measure was not applied
        Boolean flagged = tx.execute(s -> transitions.change(UUID.fromString(orders.get(BUILDING)), 1,
                Set.of(OrderStatus.ACKNOWLEDGED), OrderStatus.NON_COMPLIANT, "compliance", "用电量为基线的 96%，未见停产"));
        assertThat(flagged).isTrue();

        var response = api.get("/api/v1/warnings/" + warningId + "/report", TestTokens.officer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();

        assertThat(report.get("warningId").asString()).isEqualTo(warningId);
        assertThat(report.get("regionId").asString()).isEqualTo("mengjin");
        assertThat(report.get("level").asString()).isEqualTo("ORANGE");
        assertThat(report.get("revision").asInt()).isEqualTo(1);
        assertThat(report.get("orders").asInt()).isEqualTo(6);
        Map<String, Integer> byStatus = counts(report.get("byStatus"));
        assertThat(byStatus.keySet()).as("every status, zeros included")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(OrderStatus.values()).map(Enum::name).toList());
        assertThat(byStatus).containsEntry("PENDING", 2).containsEntry("ACKNOWLEDGED", 2).containsEntry("CANNOT_COMPLY", 1)
                .containsEntry("NON_COMPLIANT", 1).containsEntry("DELIVERED", 0).containsEntry("COMPLETED", 0);
        assertThat(counts(report.get("byGrade"))).isEqualTo(Map.of("A", 1, "B", 1, "C", 2, "D", 2));

        // latency: the three acknowledged revisions (the non-compliant one was acknowledged first), as the DB has them
        List<Double> dbLatencies = jdbc.sql("""
                        select extract(epoch from o.acknowledged_at - (select h.occurred_at from order_history h
                          where h.order_id = o.order_id and h.status = 'PENDING' order by h.id desc limit 1))::float8
                        from curtailment_order o where o.warning_id = ? and o.acknowledged_at is not null order by 1""")
                .param(UUID.fromString(warningId)).query(Double.class).list();
        assertThat(dbLatencies).hasSize(3).allMatch(s -> s >= 0 && s < 60);
        JsonNode latency = report.get("ackLatency");
        assertThat(latency.get("count").asInt()).isEqualTo(3);
        assertThat(latency.get("p50").asDouble()).isCloseTo(dbLatencies.get(1), within(0.001));
        assertThat(latency.get("p90").asDouble()).isCloseTo(dbLatencies.get(2), within(0.001));
        assertThat(latency.get("p99").asDouble()).isCloseTo(dbLatencies.get(2), within(0.001));
        assertThat(latency.get("max").asDouble()).isCloseTo(dbLatencies.get(2), within(0.001));
        assertThat(JsonArrays.texts(latency.get("histogram"), "label"))
                .containsExactly("≤5 min", "≤15 min", "≤30 min", "≤60 min", "≤120 min", ">120 min");
        assertThat(StreamSupport.stream(latency.get("histogram").spliterator(), false).map(b -> b.get("count").asInt()))
                .containsExactly(3, 0, 0, 0, 0, 0);

        JsonNode waiting = report.get("notAcknowledged");
        assertThat(JsonArrays.texts(waiting, "enterpriseId")).containsExactlyInAnyOrder(FOUNDRY, PRINTER, SAND);
        JsonNode printer = JsonArrays.firstWhere(waiting, "enterpriseId", PRINTER);
        assertThat(printer.get("name").asString()).isEqualTo("孟津演示包装印刷有限公司");
        assertThat(printer.get("township").asString()).isEqualTo("城关镇");
        assertThat(printer.get("status").asString()).isEqualTo("PENDING");
        assertThat(printer.get("minutesSinceIssue").asLong()).isZero();
        assertThat(printer.get("deadlinePassed").asBoolean()).isFalse();
        JsonNode foundry = JsonArrays.firstWhere(waiting, "enterpriseId", FOUNDRY);
        assertThat(foundry.get("status").asString()).isEqualTo("CANNOT_COMPLY");
        assertThat(foundry.get("cannotComplyCode").asString()).isEqualTo("SAFETY");

        JsonNode nonCompliant = report.get("nonCompliant");
        assertThat(nonCompliant).hasSize(1);
        assertThat(nonCompliant.get(0).get("enterpriseId").asString()).isEqualTo(BUILDING);
        assertThat(nonCompliant.get(0).get("status").asString()).isEqualTo("NON_COMPLIANT");
        assertThat(nonCompliant.get(0).get("flaggedRevision").asInt()).isEqualTo(1);
        assertThat(nonCompliant.get(0).get("note").asString()).isEqualTo("用电量为基线的 96%，未见停产");

        // by hand from the demo list at ORANGE; the printer is exempt at ORANGE (baseline counts, no cut);
        // "if honoured" leaves out the foundry (cannot comply) and the building-materials plant (non-compliant)
        JsonNode reduction = report.get("reduction");
        assertThat(reduction.get("level").asString()).isEqualTo("ORANGE");
        assertThat(reduction.get("enterprises").asInt()).isEqualTo(6);
        assertThat(reduction.get("notOnList").asInt()).isZero();
        assertThat(JsonArrays.texts(reduction.get("withheld"), "enterpriseId")).containsExactlyInAnyOrder(FOUNDRY, BUILDING);
        assertThat(JsonArrays.firstWhere(reduction.get("withheld"), "enterpriseId", FOUNDRY).get("reason").asString())
                .isEqualTo("CANNOT_COMPLY");
        assertThat(JsonArrays.firstWhere(reduction.get("withheld"), "enterpriseId", BUILDING).get("reason").asString())
                .isEqualTo("NON_COMPLIANT");
        //                  pollutant baseline required expected share  ifHonoured share
        assertPollutant(reduction, "SO2", "1.15", "0.23", "0.77", "0.6696", "0.495", "0.4304", true);
        assertPollutant(reduction, "NOx", "2.67", "0.534", "1.795", "0.6723", "1.07", "0.4007", true);
        assertPollutant(reduction, "PM", "3.07", "0.614", "2.675", "0.8713", "1.475", "0.4805", true);
        assertPollutant(reduction, "VOCs", "2.15", "0.43", "0.615", "0.2860", "0.39", "0.1814", false);
        assertThat(reduction.get("expectedSufficient").asBoolean()).isTrue();
        assertThat(reduction.get("ifHonouredSufficient").asBoolean()).as("VOCs fall short without the two").isFalse();
    }

    static void assertPollutant(JsonNode reduction, String pollutant, String baseline, String required, String expected,
                                String expectedShare, String ifHonoured, String ifHonouredShare, boolean honouredSuffices) {
        JsonNode p = JsonArrays.firstWhere(reduction.get("pollutants"), "pollutant", pollutant);
        assertThat(p.get("baseline").decimalValue()).as(pollutant + " baseline").isEqualByComparingTo(baseline);
        assertThat(p.get("requiredShare").decimalValue()).isEqualByComparingTo("0.20");
        assertThat(p.get("requiredReduction").decimalValue()).as(pollutant + " required").isEqualByComparingTo(required);
        assertThat(p.get("expectedReduction").decimalValue()).as(pollutant + " expected").isEqualByComparingTo(expected);
        assertThat(p.get("expectedShare").decimalValue()).as(pollutant + " expected share").isEqualByComparingTo(expectedShare);
        assertThat(p.get("expectedSufficient").asBoolean()).isTrue();
        assertThat(p.get("ifHonouredReduction").decimalValue()).as(pollutant + " if honoured").isEqualByComparingTo(ifHonoured);
        assertThat(p.get("ifHonouredShare").decimalValue()).as(pollutant + " if honoured share").isEqualByComparingTo(ifHonouredShare);
        assertThat(p.get("ifHonouredSufficient").asBoolean()).as(pollutant + " if honoured sufficient").isEqualTo(honouredSuffices);
    }

    @Test
    void theCsvExportOpensInExcelQuotesAwkwardNamesAndDefusesFormulas() throws Exception {
        String region = newRegion();
        String quoted = "蓝天\"示范\",耐材有限公司";
        String awkward = addEnterprise(region, quoted, "B-");
        String plain = addEnterprise(region, "蓝天演示铸造厂", "B-");
        String warningId = issue(region, WarningLevel.YELLOW);
        Map<String, String> orders = awaitOrders(warningId, 2);
        acknowledge(orders, awkward, "ok");
        String formula = "=HYPERLINK(\"http://example.invalid\",\"详情\")";
        assertThat(answer("/api/v1/enterprise/orders/" + orders.get(plain) + "/cannot-comply", plain,
                ApiClient.toJson(Map.of("revision", 1, "code", "EQUIPMENT", "reason", formula))).status()).isEqualTo(200);

        var response = api.get("/api/v1/warnings/" + warningId + "/report.csv", TestTokens.officer());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(response.raw().headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"warning-" + warningId + "-report.csv\"");
        String body = response.body();
        assertThat(body.getBytes(StandardCharsets.UTF_8)).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(body).endsWith("\r\n");
        List<String> lines = List.of(body.substring(1).split("\r\n"));
        assertThat(CsvLine.split(lines.get(0))).containsExactly("enterprise_id", "name", "township", "grade", "level",
                "revision", "mode", "status", "issued_at", "ack_deadline", "acknowledged_at", "ack_latency_s",
                "cannot_comply_code", "cannot_comply_reason", "non_compliant", "measures");
        assertThat(lines).hasSize(3);
        assertThat(body).as("RFC 4180: quoted, quotes doubled").contains(",\"蓝天\"\"示范\"\",耐材有限公司\",");

        Map<String, List<String>> rows = new HashMap<>();
        lines.subList(1, 3).forEach(l -> rows.put(CsvLine.split(l).get(0), CsvLine.split(l)));
        List<String> acked = rows.get(awkward);
        assertThat(acked).hasSize(16);
        assertThat(acked.get(1)).isEqualTo(quoted);
        assertThat(acked.subList(2, 8)).containsExactly("麻屯镇", "B-", "YELLOW", "1", "MANDATORY", "ACKNOWLEDGED");
        Map<String, Object> db = jdbc.sql("""
                        select o.acknowledged_at, o.ack_deadline, (select h.occurred_at from order_history h
                          where h.order_id = o.order_id and h.status = 'PENDING' order by h.id desc limit 1) as issued_at
                        from curtailment_order o where o.order_id = ?""")
                .param(UUID.fromString(orders.get(awkward))).query().singleRow();
        Instant issued = ((java.sql.Timestamp) db.get("issued_at")).toInstant();
        Instant ackedAt = ((java.sql.Timestamp) db.get("acknowledged_at")).toInstant();
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));
        assertThat(acked.get(8)).isEqualTo(local.format(issued));
        assertThat(acked.get(9)).isEqualTo(local.format(((java.sql.Timestamp) db.get("ack_deadline")).toInstant()));
        assertThat(acked.get(10)).isEqualTo(local.format(ackedAt));
        assertThat(new BigDecimal(acked.get(11)).doubleValue())
                .isCloseTo(Duration.between(issued, ackedAt).toNanos() / 1e9, within(0.001));
        assertThat(acked.subList(12, 16)).containsExactly("", "", "no", "窑炉限产 30%; 停止物料公路运输");

        List<String> refused = rows.get(plain);
        assertThat(refused.get(7)).isEqualTo("CANNOT_COMPLY");
        assertThat(refused.get(10)).as("not acknowledged").isEmpty();
        assertThat(refused.get(11)).isEmpty();
        assertThat(refused.get(12)).isEqualTo("EQUIPMENT");
        assertThat(refused.get(13)).as("a spreadsheet shows it instead of evaluating it").isEqualTo("'" + formula);

        JsonNode report = api.get("/api/v1/warnings/" + warningId + "/report", TestTokens.admin()).json();
        assertThat(counts(report.get("byGrade"))).isEqualTo(Map.of("B-", 2));
        assertThat(JsonArrays.texts(report.get("notAcknowledged"), "name")).containsExactly("蓝天演示铸造厂");
    }

    /**
     * Orders here are made by calling {@link OrderService#onWarning} — what the warnings listener calls — in
     * this context: the module's test contexts share one consumer group, and a warning taken from Kafka by
     * another test class's context would count in that context's registry, not in the one scraped here.
     */
    @Test
    void metricsCountOrdersTimeAcknowledgementsAndGaugeOverdueOrdersWithoutEnterpriseIds() {
        String region = newRegion();
        String first = addEnterprise(region, "蓝天演示指标一厂", "非引领性");
        String second = addEnterprise(region, "蓝天演示指标二厂", "非引领性");
        Map<String, String> orderTags = Map.of("level", "RED", "grade", "非引领性");
        double createdBefore = sample(scrape(), "lantian_orders_total", orderTags);
        double acksBefore = sample(scrape(), "lantian_order_ack_seconds_count", Map.of("level", "RED"));
        double ackSecondsBefore = sample(scrape(), "lantian_order_ack_seconds_sum", Map.of("level", "RED"));

        String warningId = UUID.randomUUID().toString();
        WarningEvent issued = new WarningEvent(warningId, 1, region, Action.ISSUED, WarningLevel.RED, Instant.now(), "test",
                "chief-li", Instant.now());
        assertThat(orderService.onWarning(issued)).isEqualTo(2);
        assertThat(orderService.onWarning(issued)).as("the same revision again creates nothing").isZero();
        assertThat(sample(scrape(), "lantian_orders_total", orderTags) - createdBefore).isEqualTo(2.0);

        Map<String, String> orders = awaitOrders(warningId, 2);
        acknowledge(orders, first, "全厂停产");
        double latency = jdbc.sql("""
                        select extract(epoch from o.acknowledged_at - (select h.occurred_at from order_history h
                          where h.order_id = o.order_id and h.status = 'PENDING' order by h.id desc limit 1))::float8
                        from curtailment_order o where o.order_id = ?""")
                .param(UUID.fromString(orders.get(first))).query(Double.class).single();
        String metrics = scrape();
        assertThat(sample(metrics, "lantian_order_ack_seconds_count", Map.of("level", "RED")) - acksBefore).isEqualTo(1.0);
        assertThat(sample(metrics, "lantian_order_ack_seconds_sum", Map.of("level", "RED")) - ackSecondsBefore)
                .isCloseTo(latency, within(0.001));
        assertThat(sample(metrics, "lantian_order_ack_seconds_bucket", Map.of("level", "RED", "le", "300.0")))
                .as("the report's 5-minute bucket is a histogram bucket").isGreaterThanOrEqualTo(1.0);

        // the deadline of the second order passes (moved, rather than waiting half an hour)
        jdbc.sql("update curtailment_order set ack_deadline = now() - interval '1 minute' where order_id = ?")
                .param(UUID.fromString(orders.get(second))).update();
        await().atMost(WAIT).until(() -> {
            long overdue = jdbc.sql("select count(*) from curtailment_order where " + Unacknowledged.SQL
                    + " and status = 'PENDING' and ack_deadline < now()").query(Long.class).single();
            return overdue >= 1 && sample(scrape(), "lantian_orders_unacknowledged",
                    Map.of("status", "PENDING", "overdue", "true")) == overdue;
        });
        JsonNode late = JsonArrays.firstWhere(api.get("/api/v1/warnings/" + warningId + "/report", TestTokens.officer())
                .json().get("notAcknowledged"), "enterpriseId", second);
        assertThat(late.get("deadlinePassed").asBoolean()).isTrue();

        metrics = scrape();
        assertThat(labelNames(metrics, "lantian_orders_total")).containsExactlyInAnyOrder("application", "level", "grade");
        assertThat(labelNames(metrics, "lantian_order_ack_seconds_count")).containsExactlyInAnyOrder("application", "level");
        assertThat(labelNames(metrics, "lantian_orders_unacknowledged")).containsExactlyInAnyOrder("application", "status", "overdue");
        assertThat(labelNames(metrics, "lantian_order_deliveries_total")).containsExactlyInAnyOrder("application", "result");
        assertThat(metrics).containsPattern("lantian_order_deliveries_total\\{[^}]*result=\"retry\"")
                .containsPattern("lantian_order_deliveries_total\\{[^}]*result=\"delivered\"")
                .containsPattern("lantian_order_deliveries_total\\{[^}]*result=\"undeliverable\"");
        assertThat(metrics).doesNotContain(first).doesNotContain(second).doesNotContain(REFRACTORY)
                .doesNotContain(orders.get(first));
        assertThat(metrics.lines().filter(l -> l.startsWith("lantian_")).flatMap(l -> labelsOf(l).keySet().stream()))
                .as("no domain meter is tagged by enterprise").noneMatch(label -> label.contains("enterprise"));
    }

    @Test
    void anUnknownWarningIsNotFoundAndOnlyOfficersAndAdminsMayReadReports() throws Exception {
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("/api/v1/warnings/" + unknown + "/report", "/api/v1/warnings/" + unknown + "/report.csv")) {
            var missing = api.get(path, TestTokens.officer());
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
            assertThat(missing.json().get("type").asString()).isEqualTo("urn:lantian:problem:not-found");
        }
        String warningId = issue("mengjin", WarningLevel.YELLOW);
        awaitOrders(warningId, 6);
        for (String path : List.of("/api/v1/warnings/" + warningId + "/report", "/api/v1/warnings/" + warningId + "/report.csv")) {
            assertThat(api.get(path, TestTokens.enterprise(REFRACTORY)).status()).as(path).isEqualTo(403);
            assertThat(api.get(path, TestTokens.forecaster()).status()).as(path).isEqualTo(403);
            assertThat(api.get(path, null).status()).as(path).isEqualTo(401);
            assertThat(api.get(path, TestTokens.admin()).status()).as(path).isEqualTo(200);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    String issue(String region, WarningLevel level) throws Exception {
        String warningId = UUID.randomUUID().toString();
        publisher.publish(Topics.WARNINGS, region, new WarningEvent(warningId, 1, region, Action.ISSUED, level,
                Instant.now(), "test", "officer-zhang", Instant.now())).get();
        return warningId;
    }

    /** @return order id by enterprise id, once the warning has {@code count} orders */
    Map<String, String> awaitOrders(String warningId, int count) {
        await().atMost(WAIT).until(() -> ordersOf(warningId).size() == count);
        Map<String, String> orders = new LinkedHashMap<>();
        ordersOf(warningId).forEach(o -> orders.put(o.get("enterpriseId").asString(), o.get("orderId").asString()));
        return orders;
    }

    JsonNode ordersOf(String warningId) {
        var response = api.get("/api/v1/orders?warningId=" + warningId, TestTokens.officer());
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    void acknowledge(Map<String, String> orders, String enterpriseId, String note) {
        var acked = answer("/api/v1/enterprise/orders/" + orders.get(enterpriseId) + "/ack", enterpriseId,
                ApiClient.toJson(Map.of("revision", 1, "note", note)));
        assertThat(acked.status()).as(acked.body()).isEqualTo(200);
    }

    ApiClient.Response answer(String path, String enterpriseId, String body) {
        return api.postJson(path, TestTokens.enterprise(enterpriseId), body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    /** A region of this test's own: the module's tests share one database and the demo region. */
    static String newRegion() {
        return "report-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Adds an enterprise to the list in force through the admin API. @return its (valid, random) credit code */
    String addEnterprise(String region, String name, String grade) {
        String id = CreditCode.withCheckCharacter("91410308MA9R" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000)));
        int year = jdbc.sql("select max(year) from reduction_list").query(Integer.class).single();
        Map<String, Object> measure = Map.of("lineId", "K1", "action", "LIMIT", "limitPercent", 30,
                "description", "窑炉限产 30%", "reduction", Map.of("so2", 0.1, "nox", 0.2, "pm", 0.05, "vocs", 0.0));
        Map<String, Object> trucks = Map.of("lineId", "K1", "action", "TRUCK_BAN", "description", "停止物料公路运输",
                "reduction", Map.of("so2", 0.0, "nox", 0.05, "pm", 0.02, "vocs", 0.0));
        Map<String, Object> enterprise = new LinkedHashMap<>();
        enterprise.put("enterpriseId", id);
        enterprise.put("name", name);
        enterprise.put("regionId", region);
        enterprise.put("township", "麻屯镇");
        enterprise.put("industry", "耐火材料");
        enterprise.put("grade", grade);
        enterprise.put("baseline", Map.of("so2", 0.5, "nox", 1.0, "pm", 0.3, "vocs", 0.0));
        enterprise.put("lines", List.of(Map.of("lineId", "K1", "name", "窑炉")));
        enterprise.put("measures", Map.of("YELLOW", List.of(measure, trucks), "ORANGE", List.of(measure, trucks),
                "RED", List.of(measure, trucks)));
        var saved = api.put("/api/v1/admin/reduction-lists/" + year + "/enterprises/" + id, TestTokens.admin(),
                ApiClient.toJson(enterprise));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        return id;
    }

    static Map<String, Integer> counts(JsonNode object) {
        Map<String, Integer> counts = new HashMap<>();
        object.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }

    String scrape() {
        var response = api.get("/actuator/prometheus", null);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The value of the one sample of {@code name} whose labels include {@code labels}; 0 when there is none. */
    static double sample(String metrics, String name, Map<String, String> labels) {
        return metrics.lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> labelsOf(l).entrySet().containsAll(labels.entrySet()))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    static Set<String> labelNames(String metrics, String name) {
        List<String> lines = metrics.lines().filter(l -> l.startsWith(name + "{")).toList();
        assertThat(lines).as(name).isNotEmpty();
        return lines.stream().flatMap(l -> labelsOf(l).keySet().stream()).collect(java.util.stream.Collectors.toSet());
    }

    private static Map<String, String> labelsOf(String line) {
        Map<String, String> labels = new HashMap<>();
        Matcher m = LABEL.matcher(line.substring(line.indexOf('{') + 1, line.lastIndexOf('}')));
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        return labels;
    }
}
