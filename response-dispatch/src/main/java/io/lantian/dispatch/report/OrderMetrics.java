package io.lantian.dispatch.report;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.dispatch.order.OrderChanged;
import io.lantian.dispatch.order.OrdersChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Counts orders as they are created ({@code lantian_orders_total{level, grade}}) and times acknowledgements
 * ({@code lantian_order_ack_seconds{level}}), from the in-transaction {@link OrderChanged}. What is needed is
 * read in that transaction; the meters move only once it commits, so a rolled-back (and redelivered) warning
 * is not counted twice. Each instance counts what it processed: sum over instances.
 */
@Component
class OrderMetrics {

    private static final Logger log = LoggerFactory.getLogger(OrderMetrics.class);

    private final ReportStore store;
    private final MeterRegistry meters;
    private final Map<WarningLevel, Timer> ackTimers = new EnumMap<>(WarningLevel.class);

    OrderMetrics(ReportStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
        for (WarningLevel level : WarningLevel.values()) {
            ackTimers.put(level, Timer.builder("lantian.order.ack")
                    .description("from the issue of an order revision to its acknowledgement")
                    .tag("level", level.name())
                    .publishPercentileHistogram()
                    .serviceLevelObjectives(AckLatency.BOUNDS.toArray(Duration[]::new))
                    .minimumExpectedValue(Duration.ofSeconds(1))
                    .maximumExpectedValue(Duration.ofHours(12))
                    .register(meters));
        }
    }

    @EventListener
    void on(OrderChanged change) {
        try {
            if (change.status() == OrderStatus.PENDING) {
                ReportStore.Created created = store.created(change.orderId(), change.enterpriseId());
                if (created.isNew()) {
                    Counter counter = Counter.builder("lantian.orders").description("curtailment orders created")
                            .tag("level", change.level().name()).tag("grade", created.grade()).register(meters);
                    afterCommit(counter::increment);
                }
            } else if (change.status() == OrderStatus.ACKNOWLEDGED) {
                Instant issued = store.issuedAt(change.orderId());
                if (issued != null) {
                    timeAck(change, issued);
                }
            }
        } catch (RuntimeException e) {
            // logged, not thrown: a metric is not worth failing the order change for
            log.warn("Order metrics for {} {} not recorded: {}", change.orderId(), change.status(), e.toString());
        }
    }

    /** Many orders at once: new ones counted with one query per batch, others one by one. */
    @EventListener
    void on(OrdersChanged changes) {
        if (changes.status() == OrderStatus.ACKNOWLEDGED) {
            timeAcks(changes);
            return;
        }
        if (changes.status() != OrderStatus.PENDING) {
            changes.changes().forEach(this::on);
            return;
        }
        try {
            Map<ReportStore.NewOrder, Long> counts = store.newOrders(changes.changes().stream().map(OrderChanged::orderId).toList())
                    .stream().filter(o -> o.grade() != null)
                    .collect(Collectors.groupingBy(o -> o, Collectors.counting()));
            counts.forEach((order, count) -> {
                Counter counter = Counter.builder("lantian.orders").description("curtailment orders created")
                        .tag("level", order.level()).tag("grade", order.grade()).register(meters);
                afterCommit(() -> counter.increment(count));
            });
        } catch (RuntimeException e) {
            log.warn("Order metrics for {} new orders not recorded: {}", changes.changes().size(), e.toString());
        }
    }

    /** Acknowledgements committed together: their issue times read with one query. */
    private void timeAcks(OrdersChanged changes) {
        try {
            Map<UUID, Instant> issued = store.issuedAtAll(changes.changes().stream().map(OrderChanged::orderId).toList());
            for (OrderChanged change : changes.changes()) {
                Instant at = issued.get(change.orderId());
                if (at != null) {
                    timeAck(change, at);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Order metrics for {} acknowledgements not recorded: {}", changes.changes().size(), e.toString());
        }
    }

    private void timeAck(OrderChanged change, Instant issued) {
        Duration latency = Duration.between(issued, change.occurredAt());
        Timer timer = ackTimers.get(change.level());
        afterCommit(() -> timer.record(latency.isNegative() ? Duration.ZERO : latency));
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
