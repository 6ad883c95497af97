package io.lantian.dispatch.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refreshes PostgreSQL's statistics of the tables a warning fills in bulk. A warning creates thousands of orders,
 * their history, deliveries and escalation steps in one go, and the enterprises answer within minutes, before
 * autovacuum's next analyze. Until then the planner plans the acknowledgement statements with the tables'
 * figures from before the warning, or with none: stopping one order's escalation steps ANDed the primary key with
 * the partial index of pending steps, which then held every step, ≈ 0.3 ms per order instead of a few µs (found
 * with pg_stat_statements in the dispatch benchmark, docs/benchmarks.md "Runs K"). ANALYZE reads a bounded sample
 * of rows, takes no lock that writers wait for, and invalidates the cached plans that depend on these tables.
 */
@Component
class OrderStatistics {

    private static final Logger log = LoggerFactory.getLogger(OrderStatistics.class);

    private final JdbcClient jdbc;
    private final OrderPolicy policy;

    OrderStatistics(JdbcClient jdbc, OrderPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    /**
     * After a warning revision has committed: refreshes the statistics if it changed at least
     * {@code lantian.dispatch.orders.analyze-after} orders. @return whether it did
     */
    boolean afterWarning(int ordersChanged) {
        if (ordersChanged < policy.analyzeAfter()) {
            return false;
        }
        refresh();
        return true;
    }

    /**
     * Outside the warning's transaction, after it committed: ANALYZE sees only committed rows. A failure is only
     * logged: the orders are made, and autovacuum analyzes later anyway.
     */
    private void refresh() {
        long start = System.nanoTime();
        try {
            jdbc.sql("analyze curtailment_order, order_history, delivery, order_escalation_step").update();
            log.info("Statistics of the order tables refreshed in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("Refreshing the statistics of the order tables failed; autovacuum will analyze them later", e);
        }
    }
}
