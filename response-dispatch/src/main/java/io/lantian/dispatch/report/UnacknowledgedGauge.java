package io.lantian.dispatch.report;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code lantian_orders_unacknowledged{status, overdue}}: orders in force whose current revision is not
 * acknowledged ({@link Unacknowledged}), by status and whether the acknowledgement deadline has passed. Counted
 * with one grouped query every {@code lantian.dispatch.reports.unacknowledged-refresh}, so a scrape never
 * touches the database. Every combination is registered up front, so a series reads 0 rather than vanishing
 * (alerts on it keep working). Every instance reports the same database count: aggregate with max, not sum.
 */
@Component
class UnacknowledgedGauge {

    private static final Logger log = LoggerFactory.getLogger(UnacknowledgedGauge.class);

    private final ReportStore store;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    UnacknowledgedGauge(ReportStore store, MeterRegistry meters) {
        this.store = store;
        for (OrderStatus status : Unacknowledged.STATES) {
            for (boolean overdue : new boolean[] {false, true}) {
                AtomicLong value = new AtomicLong();
                values.put(key(status, overdue), value);
                Gauge.builder("lantian.orders.unacknowledged", value, AtomicLong::doubleValue)
                        .description("orders in force whose current revision is not acknowledged")
                        .tag("status", status.name()).tag("overdue", Boolean.toString(overdue))
                        .register(meters);
            }
        }
    }

    @Scheduled(fixedDelayString = "${lantian.dispatch.reports.unacknowledged-refresh:30s}")
    void refresh() {
        try {
            Map<String, Long> counts = new HashMap<>();
            store.unacknowledged().forEach(c -> counts.put(key(c.status(), c.overdue()), c.orders()));
            values.forEach((key, value) -> value.set(counts.getOrDefault(key, 0L)));
        } catch (RuntimeException e) {
            log.warn("Counting unacknowledged orders failed; the gauge keeps its last values: {}", e.toString());
        }
    }

    private static String key(OrderStatus status, boolean overdue) {
        return status.name() + "/" + overdue;
    }
}
