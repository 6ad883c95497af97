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
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows in id order and marks them published once the broker has acknowledged
 * them. One relay per service publishes at a time (a transaction-scoped advisory lock), so replicas never
 * reorder one key's events; if the process dies between send and mark, the rows are sent again with the
 * same {@code ce_id} (at-least-once; consumers deduplicate).
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final EventPublisher publisher;
    private final String lockName;
    private final Counter published;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, EventPublisher publisher, String lockName,
                       MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.publisher = publisher;
        this.lockName = lockName;
        this.published = meters.counter("lantian_outbox_published");
    }

    record Row(long id, UUID eventId, String topic, String recordKey, String eventType, String payload,
               String correlationId, Timestamp createdAt) {
    }

    @Scheduled(fixedDelayString = "${lantian.outbox.poll-interval:100ms}")
    public void relay() {
        try {
            Integer sent;
            do {
                sent = tx.execute(status -> publishBatch());
            } while (sent != null && sent == BATCH);
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
                .param(BATCH).query(Row.class).list();
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
        jdbc.sql("update outbox set published_at = :now where id in (:ids)")
                .param("now", Timestamp.from(Instant.now()))
                .param("ids", rows.stream().map(Row::id).toList())
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
