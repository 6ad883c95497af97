package io.lantian.dispatch.order;

import io.lantian.dispatch.DispatchTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a warning revision that changed many orders, and after a burst of delivery changes once the delivery
 * worker finds nothing due, the order tables are analyzed (on the real database: the manual-analyze counters of
 * PostgreSQL's statistics views show it); after small changes they are not.
 */
class OrderStatisticsTest extends DispatchTestSupport {

    static final List<String> TABLES = List.of("curtailment_order", "order_history", "delivery", "order_escalation_step");

    @Autowired
    OrderStatistics statistics;
    @Autowired
    OrderPolicy policy;

    Map<String, Long> analyzeCounts() {
        return jdbc.sql("select relname, analyze_count from pg_stat_user_tables where schemaname = 'dispatch' and relname in (:tables)")
                .param("tables", TABLES).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void aWarningThatChangedManyOrdersHasTheOrderTablesAnalyzed() {
        Map<String, Long> before = analyzeCounts();
        assertThat(before).containsOnlyKeys(TABLES);

        assertThat(statistics.afterWarning(policy.analyzeAfter())).isTrue();

        // ANALYZE reports to the shared statistics at once, and each query here is a transaction of its own
        assertThat(analyzeCounts()).allSatisfy((table, count) -> assertThat(count).as(table).isGreaterThan(before.get(table)));
    }

    @Test
    void deliveriesChangedInBulkHaveTheOrderTablesAnalyzedOnceTheWorkerFindsNothingDue() {
        Map<String, Long> before = analyzeCounts();
        String enterprise = "TSTAT" + UUID.randomUUID().toString().substring(0, 8) + "00000"; // 18 characters
        jdbc.sql("""
                        insert into enterprise (enterprise_id, name, region_id, grade, list_year, delivery_mode)
                        values (?, '统计测试企业', 'test-statistics', 'B', (select coalesce(max(year), 0) from reduction_list), 'PULL')""")
                .param(enterprise).update();
        // as many delivery rows changed as a burst changes (inserted, then deleted), none of them due
        int rows = policy.analyzeAfter() + 100;
        jdbc.sql("""
                        insert into delivery (delivery_id, order_id, revision, enterprise_id, test, event_type, message_id,
                          payload, state)
                        select gen_random_uuid(), gen_random_uuid(), 1, ?, true, 'order.test', 'stat-' || gen_random_uuid(),
                          '{}', 'DROPPED'
                        from generate_series(1, ?)""")
                .params(enterprise, rows).update();
        jdbc.sql("delete from delivery where enterprise_id = ?").param(enterprise).update();

        // the workers (this context's and any other's) poll, find nothing due and see the changes counted by
        // PostgreSQL (which reports them within a second or so): a manual ANALYZE, not autovacuum's
        await().atMost(Duration.ofSeconds(30)).until(() -> analyzeCounts().get("delivery") > before.get("delivery"));
        assertThat(analyzeCounts()).allSatisfy((table, count) -> assertThat(count).as(table).isGreaterThan(before.get(table)));
        jdbc.sql("delete from enterprise where enterprise_id = ?").param(enterprise).update();
    }

    long deliveryRowsChangedSinceAnalyze() {
        return jdbc.sql("select n_mod_since_analyze from pg_stat_user_tables where relid = 'delivery'::regclass")
                .query(Long.class).single();
    }

    @Test
    void fewChangedDeliveriesDoNot() {
        // analyzed until the counters, which trail commits by up to a second, show few changes since
        await().atMost(Duration.ofSeconds(10)).until(() -> statistics.afterWarning(policy.analyzeAfter())
                && deliveryRowsChangedSinceAnalyze() < policy.analyzeAfter());
        Map<String, Long> before = analyzeCounts();

        assertThat(statistics.afterDeliveries()).isFalse();

        assertThat(analyzeCounts()).isEqualTo(before);
    }

    @Test
    void aSmallerOneDoesNot() {
        Map<String, Long> before = analyzeCounts();

        assertThat(statistics.afterWarning(policy.analyzeAfter() - 1)).isFalse();

        assertThat(analyzeCounts()).isEqualTo(before);
    }
}
