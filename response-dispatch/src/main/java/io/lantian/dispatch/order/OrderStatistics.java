package io.lantian.dispatch.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refreshes PostgreSQL's statistics of the tables a warning fills in bulk. A warning creates thousands of orders,
 * their history, deliveries and escalation steps in one go, and the enterprises answer within minutes, before
 * autovacuum's next analyze. Until then the planner plans the acknowledgement statements with the tables'
 * figures from before the warning, or with none: stopping one order's escalation steps ANDed the primary key with
 * the partial index of pending steps, which then held every step, ≈ 0.3 ms per order instead of a few µs (found
 * with pg_stat_statements in the dispatch benchmark, docs/benchmarks.md "Runs K"). ANALYZE reads a bounded sample
 * of rows, takes no lock that writers wait for, and invalidates the cached plans that depend on these tables.
 * <p>
 * The same happens once a warning's webhooks have been delivered: the figures taken after the warning say every
 * delivery and order is PENDING, so until the next analyze the delivery worker's poll (PENDING orders without a
 * delivery; stale deliveries) scanned whole tables instead of their partial indexes, ≈ 55 ms of PostgreSQL every
 * 500 ms while the enterprises were answering (docs/benchmarks.md, dispatch "Runs O"). One refresh runs at a time
 * across replicas (a transaction-scoped advisory lock; a second one finds it taken and leaves it).
 */
@Component
public class OrderStatistics {

    private static final Logger log = LoggerFactory.getLogger(OrderStatistics.class);

    private static final String LOCK = "lantian.dispatch.order-statistics";

    private final JdbcClient jdbc;
    private final OrderPolicy policy;
    private final TransactionTemplate tx;

    OrderStatistics(JdbcClient jdbc, OrderPolicy policy, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.tx = tx;
    }

    /**
     * After a warning revision has committed: refreshes the statistics if it changed at least
     * {@code lantian.dispatch.orders.analyze-after} orders. @return whether it did
     */
    boolean afterWarning(int ordersChanged) {
        return ordersChanged >= policy.analyzeAfter() && refresh();
    }

    /**
     * When the delivery worker finds nothing due: refreshes the statistics if the deliveries have had at least
     * {@code lantian.dispatch.orders.analyze-after} rows changed since their last analyze (PostgreSQL's own count,
     * whoever changed them). Changes reach those counters up to a second after their commit, so a burst's last
     * changes can make a second refresh follow the first; that costs one more ANALYZE (≈ 0.1 s), once.
     * @return whether it did
     */
    public boolean afterDeliveries() {
        try {
            Long changed = jdbc.sql("select n_mod_since_analyze from pg_stat_user_tables where relid = 'delivery'::regclass")
                    .query(Long.class).optional().orElse(0L);
            if (changed < policy.analyzeAfter()) {
                return false;
            }
        } catch (RuntimeException e) {
            log.warn("Reading how much the deliveries changed failed; autovacuum will analyze them", e);
            return false;
        }
        return refresh();
    }

    /**
     * Outside the transaction that changed the rows, after it committed: ANALYZE sees only committed rows. A failure
     * is only logged: autovacuum analyzes later anyway. @return whether this call analyzed (not: another replica's
     * refresh was running, or it failed)
     */
    private boolean refresh() {
        long start = System.nanoTime();
        try {
            Boolean refreshed = tx.execute(status -> {
                if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(hashtext(?))").param(LOCK)
                        .query(Boolean.class).single())) {
                    return false; // another refresh is running
                }
                jdbc.sql("analyze curtailment_order, order_history, delivery, order_escalation_step").update();
                return true;
            });
            if (Boolean.TRUE.equals(refreshed)) {
                log.info("Statistics of the order tables refreshed in {} ms", (System.nanoTime() - start) / 1_000_000);
                return true;
            }
            return false;
        } catch (RuntimeException e) {
            log.warn("Refreshing the statistics of the order tables failed; autovacuum will analyze them later", e);
            return false;
        }
    }
}
