package io.lantian.dispatch.order;

import io.lantian.dispatch.DispatchTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a warning revision that changed many orders, the order tables are analyzed (on the real database: the
 * manual-analyze counters of PostgreSQL's statistics views show it), and after a small one they are not.
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
        assertThat(analyzeCounts()).allSatisfy((table, count) -> assertThat(count).as(table).isEqualTo(before.get(table) + 1));
    }

    @Test
    void aSmallerOneDoesNot() {
        Map<String, Long> before = analyzeCounts();

        assertThat(statistics.afterWarning(policy.analyzeAfter() - 1)).isFalse();

        assertThat(analyzeCounts()).isEqualTo(before);
    }
}
