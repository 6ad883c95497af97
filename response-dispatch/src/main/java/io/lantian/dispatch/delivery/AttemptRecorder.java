package io.lantian.dispatch.delivery;

import io.lantian.dispatch.delivery.DeliveryStore.Attempted;
import io.lantian.dispatch.delivery.DeliveryStore.Decision;
import io.lantian.dispatch.order.OrderTransitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Records the senders' attempts in batches (group commit): one thread takes whatever results have piled up
 * while it recorded the previous batch — up to {@code batchSize} — and records them in one transaction: the
 * attempt rows, the deliveries' new states and the orders' DELIVERED / UNDELIVERABLE transitions, each set-based.
 * So a transaction's fixed cost (round trips, commit, WAL flush) is shared by many deliveries; under light load a
 * batch is a single attempt and nothing waits. Should a batch fail, its attempts are recorded one by one, so one
 * bad row cannot hold back the others; an attempt that still cannot be recorded is left to its lease (it is sent
 * again, with the same webhook-id).
 */
final class AttemptRecorder {

    private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);

    private final DeliveryStore store;
    private final OrderDeliveryTransitions orders;
    private final TransactionTemplate tx;
    private final String instance;
    private final int batchSize;
    /** Called after each batch with its attempts and those whose claim held (recorded or not: always called). */
    private final BiConsumer<List<Attempted>, Set<UUID>> recorded;
    private final BlockingQueue<Attempted> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;

    AttemptRecorder(DeliveryStore store, OrderDeliveryTransitions orders, TransactionTemplate tx, String instance,
                    int batchSize, BiConsumer<List<Attempted>, Set<UUID>> recorded) {
        this.store = store;
        this.orders = orders;
        this.tx = tx;
        this.instance = instance;
        this.batchSize = batchSize;
        this.recorded = recorded;
        this.thread = new Thread(this::run, "webhook-recorder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void submit(Attempted attempt) {
        queue.add(attempt);
    }

    /** Records what is queued, then stops. */
    void stop(Duration wait) throws InterruptedException {
        stopping = true;
        thread.join(wait.toMillis());
    }

    private void run() {
        List<Attempted> batch = new ArrayList<>(batchSize);
        while (!(stopping && queue.isEmpty())) {
            try {
                Attempted first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                Set<UUID> held = recordBatch(batch);
                recorded.accept(List.copyOf(batch), held);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Recording delivery attempts failed: {}", e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private Set<UUID> recordBatch(List<Attempted> batch) {
        try {
            return record(batch);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                warnNotRecorded(batch.get(0), e);
                return Set.of();
            }
            log.warn("Recording {} delivery attempts together failed ({}); recording them one by one", batch.size(), e.toString());
        }
        Set<UUID> held = new HashSet<>();
        for (Attempted attempt : batch) {
            try {
                held.addAll(record(List.of(attempt)));
            } catch (RuntimeException e) {
                warnNotRecorded(attempt, e);
            }
        }
        return held;
    }

    private static void warnNotRecorded(Attempted attempt, RuntimeException e) {
        // the database failed while recording: what happened is not recorded, so the lease runs out and the
        // delivery is sent again (same webhook-id)
        log.warn("Delivery {} attempt {} was not recorded ({}); it is sent again when its lease runs out",
                attempt.claimed().messageId(), attempt.claimed().attempts(), e.toString());
    }

    /** The attempts, the deliveries' new states and the orders' transitions, in one transaction. */
    private Set<UUID> record(List<Attempted> batch) {
        return tx.execute(status -> {
            Set<UUID> held = store.recordAll(batch, instance);
            List<OrderTransitions.Change> delivered = new ArrayList<>();
            List<OrderTransitions.Change> undeliverable = new ArrayList<>();
            for (Attempted a : batch) {
                DeliveryStore.Claimed delivery = a.claimed();
                if (!held.contains(delivery.deliveryId()) || delivery.test()) {
                    continue;
                }
                if (a.decision() == Decision.DELIVERED) {
                    delivered.add(new OrderTransitions.Change(delivery.orderId(), delivery.revision(), "webhook "
                            + delivery.messageId() + " delivered (attempt " + delivery.attempts() + ", HTTP "
                            + a.result().httpStatus() + ")"));
                } else if (a.decision() == Decision.UNDELIVERABLE) {
                    undeliverable.add(new OrderTransitions.Change(delivery.orderId(), delivery.revision(), "webhook "
                            + delivery.messageId() + " undeliverable after " + delivery.attemptInSeries()
                            + " attempts; last: " + DeliveryStore.summary(a.result())));
                }
            }
            orders.deliveredAll(delivered);
            orders.undeliverableAll(undeliverable);
            return held;
        });
    }
}
