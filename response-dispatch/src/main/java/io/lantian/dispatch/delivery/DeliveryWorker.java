package io.lantian.dispatch.delivery;

import io.lantian.dispatch.delivery.DeliveryStore.Attempted;
import io.lantian.dispatch.delivery.DeliveryStore.Claimed;
import io.lantian.dispatch.delivery.DeliveryStore.Decision;
import io.lantian.dispatch.order.OrderStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushes order revisions to webhook enterprises. Every poll it (1) creates deliveries for new PENDING
 * revisions, (2) drops those that went stale, (3) claims due ones — {@code FOR UPDATE SKIP LOCKED}, marked
 * IN_FLIGHT with a lease — as many as it has free senders, in one statement, and hands each to a sender thread
 * that makes one attempt outside any transaction. The results are recorded in batches by an
 * {@link AttemptRecorder} (one transaction for many attempts: the attempt log rows, the deliveries' new states
 * and, for real orders, their DELIVERED or UNDELIVERABLE transitions with events). A sender's slot is free again
 * once its attempt is recorded, so at most {@code concurrency} deliveries are claimed and not yet recorded.
 * (New revisions normally get their delivery in the transaction that creates them: {@link DeliveryEnqueuer};
 * the poll's enqueue is the safety net, e.g. for an enterprise that switched to webhooks later.)
 * <p>
 * Retries are this worker's own durable schedule ({@code next_attempt_at}), not resilience4j's in-memory
 * Retry: a wait of minutes (a back-off, a Retry-After) then holds no thread and no bulkhead slot, survives a
 * restart, may be picked up by any replica, and every attempt is a row in the log. resilience4j guards each
 * attempt (circuit breaker, bulkhead and time limit per endpoint, in {@link WebhookClient}).
 */
@Component
class DeliveryWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int ENQUEUE_BATCH = 200;
    private static final Duration BUSY_DELAY = Duration.ofSeconds(1);

    private final DeliveryStore store;
    private final WebhookClient client;
    private final TransactionTemplate tx;
    private final AttemptRecorder recorder;
    /** Whether the last claim filled every free sender: then there is probably more due, so claim again at once. */
    private volatile boolean backlog;
    private final DeliveryProperties properties;
    private final RetrySchedule schedule;
    private final String instance;
    private final Semaphore senders;
    private final ExecutorService pool;
    private final Duration shutdownWait;
    private final Map<AttemptOutcome, Counter> attempts = new EnumMap<>(AttemptOutcome.class);
    private final Map<AttemptOutcome, Timer> latency = new EnumMap<>(AttemptOutcome.class);
    private final Counter delivered;
    private final Counter undeliverable;
    private final Counter retried;
    private final Counter dropped;
    private final OrderStatistics statistics;
    /** Whether a statistics check (and maybe refresh) is running: at most one at a time per instance. */
    private final AtomicBoolean checkingStatistics = new AtomicBoolean();

    DeliveryWorker(DeliveryStore store, WebhookClient client, OrderDeliveryTransitions orders, TransactionTemplate tx,
                   DeliveryProperties properties, EndpointGuards guards, OrderStatistics statistics, MeterRegistry meters) {
        Duration longestAttempt = guards.timeLimit().plus(guards.bulkheadWait());
        if (properties.lease().compareTo(longestAttempt.multipliedBy(2)) < 0) {
            // a lease that can run out while its attempt is still going invites a second, concurrent send
            throw new IllegalStateException("lantian.dispatch.delivery.lease (" + properties.lease()
                    + ") must be at least twice the webhook time limit plus bulkhead wait (" + longestAttempt + ")");
        }
        this.store = store;
        this.client = client;
        this.statistics = statistics;
        this.tx = tx;
        this.properties = properties;
        this.schedule = properties.retrySchedule();
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "#"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        this.senders = new Semaphore(properties.concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(properties.concurrency(), r -> {
            Thread thread = new Thread(r, "webhook-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.shutdownWait = longestAttempt.plusSeconds(5);
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            String tag = outcome.name().toLowerCase();
            attempts.put(outcome, meters.counter("lantian_order_delivery_attempts", "outcome", tag));
            latency.put(outcome, Timer.builder("lantian_order_delivery_latency").tag("outcome", tag)
                    .description("time from sending a webhook request to its complete answer").register(meters));
        }
        delivered = meters.counter("lantian_order_deliveries", "result", "delivered");
        undeliverable = meters.counter("lantian_order_deliveries", "result", "undeliverable");
        // one per failed attempt that is tried again: with delivered and undeliverable, one per recorded attempt
        retried = meters.counter("lantian_order_deliveries", "result", "retry");
        dropped = meters.counter("lantian_order_deliveries", "result", "dropped");
        this.recorder = new AttemptRecorder(store, orders, tx, instance, properties.recordBatchSize(), this::recorded);
    }

    /** This worker's name in leases and in the delivery log: process and host, plus a suffix per context. */
    String instance() {
        return instance;
    }

    @Scheduled(fixedDelayString = "${lantian.dispatch.delivery.poll-interval:500ms}")
    void poll() {
        if (!properties.enabled() || pool.isShutdown()) {
            return;
        }
        try {
            store.enqueueNewRevisions(properties.publicBaseUrl(), ENQUEUE_BATCH);
            int stale = store.dropStale();
            if (stale > 0) {
                dropped.increment(stale);
                log.info("Dropped {} deliveries that went stale (superseded, closed or no longer webhook)", stale);
            }
            claimAndSend();
        } catch (RuntimeException e) {
            log.warn("Delivery poll failed; due deliveries stay due: {}", e.toString());
        }
    }

    /**
     * Claims as many due deliveries as there are free senders, in one statement, and starts them. When a claim
     * fills every free sender there is probably more waiting, so once a batch of results is recorded (which
     * frees their senders) the worker claims again at once instead of leaving the slots idle until the next poll
     * (which capped throughput at concurrency ÷ poll interval).
     */
    private void claimAndSend() {
        int free = senders.drainPermits();
        if (free == 0) {
            return; // another thread holds them and is claiming, or every sender is busy
        }
        List<Claimed> claimed;
        try {
            claimed = tx.execute(status -> store.claim(instance, free, properties.lease()));
        } catch (RuntimeException e) {
            senders.release(free);
            throw e;
        }
        senders.release(free - claimed.size());
        backlog = claimed.size() == free;
        if (claimed.isEmpty()) {
            checkStatistics();
        }
        for (Claimed delivery : claimed) {
            try {
                pool.execute(() -> send(delivery));
            } catch (RuntimeException rejected) {
                // shutting down: the lease runs out and another replica (or this one after a restart) sends it
                senders.release();
            }
        }
    }

    /**
     * Nothing is due: after a burst (a warning's webhooks) PostgreSQL's figures of the order tables, taken when
     * everything was PENDING, are refreshed ({@link OrderStatistics#afterDeliveries}), off the calling thread.
     * When idle this is one read of PostgreSQL's table counters per poll; the ANALYZE itself runs once per burst.
     */
    private void checkStatistics() {
        if (!checkingStatistics.compareAndSet(false, true)) {
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    statistics.afterDeliveries();
                } finally {
                    checkingStatistics.set(false);
                }
            });
        } catch (RuntimeException rejected) {
            checkingStatistics.set(false); // shutting down: autovacuum analyzes later
        }
    }

    /** One attempt; its sender slot is freed once the attempt is recorded (or if nothing is to be recorded). */
    private void send(Claimed delivery) {
        boolean queued = false;
        try {
            AttemptResult result;
            try {
                result = client.send(delivery.webhookUrl(), delivery.webhookSecrets(), delivery.message());
            } catch (WebhookClient.EndpointBusy busy) {
                store.release(delivery, instance, BUSY_DELAY);
                return;
            }
            attempts.get(result.outcome()).increment();
            if (result.latency() != null) {
                latency.get(result.outcome()).record(result.latency());
            }
            Next next = next(delivery, result);
            recorder.submit(new Attempted(delivery, result, next.decision(), next.retryIn()));
            queued = true;
        } catch (RuntimeException e) {
            // interrupted while sending, or the database failed while handing it back: what happened is not
            // recorded, so the lease runs out and the delivery is sent again (same webhook-id)
            log.warn("Delivery {} attempt {} did not complete ({}); it is sent again when its lease runs out",
                    delivery.messageId(), delivery.attempts(), e.toString());
        } finally {
            if (!queued) {
                senders.release();
            }
        }
    }

    /** After a batch was recorded (called by the recorder's thread): meters, logs, the senders freed, claim again. */
    private void recorded(List<Attempted> batch, Set<UUID> held) {
        for (Attempted a : batch) {
            Claimed delivery = a.claimed();
            if (!held.contains(delivery.deliveryId())) {
                log.warn("Delivery {} attempt {}: the lease ran out before the result was recorded; another worker owns it",
                        delivery.messageId(), delivery.attempts());
            } else if (a.decision() == Decision.DELIVERED) {
                delivered.increment();
            } else if (a.decision() == Decision.RETRY) {
                retried.increment();
            } else if (a.decision() == Decision.UNDELIVERABLE) {
                undeliverable.increment();
                log.warn("Delivery {} is undeliverable after {} attempts: {}", delivery.messageId(),
                        delivery.attemptInSeries(), DeliveryStore.summary(a.result()));
            }
        }
        senders.release(batch.size());
        if (backlog) {
            claimAgain();
        }
    }

    /**
     * New deliveries were committed (a warning's orders): claim now rather than at the next poll. Runs on the
     * sender pool (never on the caller's thread, a Kafka listener); a no-op while every sender is busy.
     */
    void wake() {
        if (!properties.enabled() || pool.isShutdown()) {
            return;
        }
        try {
            pool.execute(this::claimAgain);
        } catch (RuntimeException rejected) {
            // shutting down: the next poll (of this or another replica) claims them
        }
    }

    private void claimAgain() {
        if (!properties.enabled() || pool.isShutdown()) {
            return;
        }
        try {
            claimAndSend();
        } catch (RuntimeException e) {
            log.warn("Claiming the next deliveries failed; the next poll tries again: {}", e.toString());
        }
    }

    /** What follows an attempt, and when. */
    private record Next(Decision decision, Duration retryIn) {
    }

    private Next next(Claimed delivery, AttemptResult result) {
        if (result.outcome() == AttemptOutcome.DELIVERED) {
            return new Next(Decision.DELIVERED, null);
        }
        return schedule.afterFailure(delivery.attemptInSeries(), Optional.ofNullable(result.retryAfter()),
                ThreadLocalRandom.current()::nextDouble) instanceof RetrySchedule.RetryIn retry
                ? new Next(Decision.RETRY, retry.delay())
                : new Next(Decision.UNDELIVERABLE, null);
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(shutdownWait.toMillis(), TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
        recorder.stop(Duration.ofSeconds(5)); // what was sent gets recorded before the context closes
    }
}
