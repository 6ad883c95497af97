package io.lantian.platform.outbox;

import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topic;
import io.lantian.platform.web.CorrelationIdFilter;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Records an event in the same database transaction as the state change it describes; the
 * {@link OutboxRelay} publishes it to Kafka after the commit. Either both happen or neither. A transaction that
 * appended events calls {@code afterCommit} once it has committed (the relay's wake-up, so events do not wait for
 * its next poll).
 */
public class Outbox {

    private static final String INSERT = """
            insert into outbox (event_id, topic, record_key, event_type, payload, correlation_id)
            values (?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Runnable afterCommit;

    public Outbox(JdbcClient jdbc) {
        this(jdbc, null, () -> { });
    }

    public Outbox(JdbcClient jdbc, JdbcTemplate batch, Runnable afterCommit) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.afterCommit = afterCommit;
    }

    /** Must run inside the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <V> void append(Topic<String, V> topic, String key, V event) {
        jdbc.sql(INSERT)
                .params(UUID.randomUUID(), topic.name(), key, topic.eventType(),
                        EventJson.mapper().writeValueAsString(event), MDC.get(CorrelationIdFilter.MDC_KEY))
                .update();
        signalAfterCommit();
    }

    /**
     * Appends many events of one topic in one JDBC batch, in list order (so one key's events keep their order).
     * Must run inside the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <V> void appendAll(Topic<String, V> topic, List<V> events, Function<V, String> key) {
        if (events.isEmpty()) {
            return;
        }
        if (batch == null) {
            events.forEach(event -> append(topic, key.apply(event), event));
            return;
        }
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        List<Object[]> rows = events.stream()
                .map(event -> new Object[]{UUID.randomUUID(), topic.name(), key.apply(event), topic.eventType(),
                        EventJson.mapper().writeValueAsString(event), correlationId})
                .toList();
        batch.batchUpdate(INSERT, rows);
        signalAfterCommit();
    }

    /** Once per transaction, however many events it appends. */
    private void signalAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive() || TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Outbox.this.afterCommit.run();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
            }
        });
    }
}
