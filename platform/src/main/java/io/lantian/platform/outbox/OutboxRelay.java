package io.lantian.platform.outbox;

import io.lantian.platform.kafka.EventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows in id order and marks them published once the broker has acknowledged
 * them. One relay per service publishes at a time (a transaction-scoped advisory lock), so replicas never
 * reorder one key's events; if the process dies between send and mark, the rows are sent again with the
 * same {@code ce_id} (at-least-once; consumers deduplicate).
 *
 * <p>Two triggers, one pass at a time in a process: {@link #wake()} after a transaction that appended events has
 * committed (the {@link Outbox} calls it, so an event goes out within a pass's time rather than a poll interval),
 * and the poll ({@code lantian.outbox.poll-interval}), which still finds what another replica wrote, what a failed
 * pass left and what a wake-up missed. Wake-ups during a pass coalesce into one more pass.
 */
public class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final EventPublisher publisher;
    private final String lockName;
    private final Counter published;
    private final int batchSize;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Thread waker;
    private volatile boolean closed;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, EventPublisher publisher, String lockName,
                       MeterRegistry meters) {
        this(jdbc, tx, publisher, lockName, meters, 200);
    }

    /** @param batchSize rows sent per transaction (the broker's acknowledgements of all are awaited before the next) */
    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, EventPublisher publisher, String lockName,
                       MeterRegistry meters, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
        this.jdbc = jdbc;
        this.tx = tx;
        this.publisher = publisher;
        this.lockName = lockName;
        this.published = meters.counter("lantian_outbox_published");
        this.waker = new Thread(this::relayOnWake, "outbox-relay-wake");
        this.waker.setDaemon(true);
        this.waker.start();
    }

    /** Asks for a pass soon (after a commit that appended events); never blocks the caller. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void relayOnWake() {
        while (!closed) {
            try {
                wakeUps.acquire();
                wakeUps.drainPermits(); // the pass below covers every commit signalled so far
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                relay();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        waker.interrupt();
        waker.join(10_000);
    }

    record Row(long id, UUID eventId, String topic, String recordKey, String eventType, String payload,
               String correlationId, Timestamp createdAt) {
    }

    /** Synchronized: the poll and a wake-up never run passes side by side (the second would find the lock taken). */
    @Scheduled(fixedDelayString = "${lantian.outbox.poll-interval:100ms}")
    public synchronized void relay() {
        if (closed) {
            return;
        }
        try {
            Integer sent;
            do {
                sent = tx.execute(status -> publishBatch());
            } while (sent != null && sent == batchSize);
        } catch (RuntimeException e) {
            log.warn("Outbox relay failed; the rows stay unpublished and are retried: {}", e.toString());
        }
    }

    /** @return rows published, 0 when another replica holds the lock or nothing is pending */
    int publishBatch() {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(hashtext(?))").param(lockName)
                .query(Boolean.class).single();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        List<Row> rows = jdbc.sql("""
                        select id, event_id, topic, record_key, event_type, payload, correlation_id, created_at
                        from outbox where published_at is null order by id limit ?""")
                .param(batchSize)
                // mapped by hand, not by Spring's reflective record mapper (dearer per row; docs/benchmarks.md, dispatch "Runs O")
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getString("topic"),
                        rs.getString("record_key"), rs.getString("event_type"), rs.getString("payload"),
                        rs.getString("correlation_id"), rs.getTimestamp("created_at")))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        CompletableFuture<?>[] sends = rows.stream()
                .map(r -> publisher.publishSerialized(r.topic(), r.recordKey(), r.payload().getBytes(StandardCharsets.UTF_8),
                        r.eventType(), r.eventId().toString(), r.createdAt().toInstant(), r.correlationId()))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker did not acknowledge outbox batch", e);
        }
        // one array, not a placeholder per row: the same statement for every batch size (one plan, cached)
        jdbc.sql("update outbox set published_at = ? where id = any(?::bigint[])")
                .params(Timestamp.from(Instant.now()), rows.stream().map(Row::id).toArray(Long[]::new))
                .update();
        published.increment(rows.size());
        return rows.size();
    }

    /** Published rows are kept a week for inspection, then removed. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void purgePublished() {
        int removed = jdbc.sql("delete from outbox where published_at < now() - interval '7 days'").update();
        if (removed > 0) {
            log.info("Removed {} published outbox rows", removed);
        }
    }
}
