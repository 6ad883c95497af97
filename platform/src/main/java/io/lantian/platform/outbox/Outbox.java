package io.lantian.platform.outbox;

import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topic;
import io.lantian.platform.web.CorrelationIdFilter;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/**
 * Records an event in the same database transaction as the state change it describes; the
 * {@link OutboxRelay} publishes it to Kafka after the commit. Either both happen or neither.
 */
public class Outbox {

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Must run inside the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <V> void append(Topic<String, V> topic, String key, V event) {
        jdbc.sql("""
                        insert into outbox (event_id, topic, record_key, event_type, payload, correlation_id)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), topic.name(), key, topic.eventType(),
                        EventJson.mapper().writeValueAsString(event), MDC.get(CorrelationIdFilter.MDC_KEY))
                .update();
    }
}
