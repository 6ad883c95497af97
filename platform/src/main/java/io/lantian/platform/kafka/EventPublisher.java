package io.lantian.platform.kafka;

import io.lantian.common.json.IsoInstants;
import io.lantian.common.topics.Topic;
import io.lantian.platform.web.CorrelationIdFilter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes catalogued events with their CloudEvents headers. The returned future completes when the
 * broker has acknowledged the record (producers are idempotent with {@code acks=all}).
 */
public class EventPublisher {

    private static final Header SPEC_VERSION = header(EventHeaders.SPEC_VERSION, "1.0");
    private static final Header CONTENT_TYPE = header(EventHeaders.CONTENT_TYPE, "application/json");

    private final KafkaTemplate<String, Object> template;
    /*
     * The headers whose values do not change from record to record, encoded once (per event type): encoding them
     * per record showed up in the ingest profile. Kafka only reads a header's key and value when it writes the record.
     */
    private final Header sourceHeader;
    private final Map<String, Header> typeHeaders = new ConcurrentHashMap<>();

    public EventPublisher(KafkaTemplate<String, Object> template, String source) {
        this.template = template;
        this.sourceHeader = header(EventHeaders.SOURCE, source);
    }

    public <V> CompletableFuture<SendResult<String, Object>> publish(Topic<String, V> topic, String key, V event) {
        return send(topic.name(), key, event, topic.eventType(), eventId(), Instant.now(),
                MDC.get(CorrelationIdFilter.MDC_KEY));
    }

    /**
     * Publishes an event of {@code topic} that the caller has already serialized to exactly the JSON the shared
     * event mapping ({@code EventJson}) writes for it — for a hot path with a faster writer of its own. Headers,
     * id and time as {@link #publish}.
     */
    public CompletableFuture<SendResult<String, Object>> publishJson(Topic<String, ?> topic, String key, byte[] json) {
        return send(topic.name(), key, json, topic.eventType(), eventId(), Instant.now(),
                MDC.get(CorrelationIdFilter.MDC_KEY));
    }

    /**
     * Sends an already-serialized event (from the outbox) with the id and time it was given when it was
     * recorded, so a re-send after a crash carries the same {@code ce_id}.
     */
    public CompletableFuture<SendResult<String, Object>> publishSerialized(String topic, String key, byte[] json,
            String eventType, String eventId, Instant time, String correlationId) {
        return send(topic, key, json, eventType, eventId, time, correlationId);
    }

    private CompletableFuture<SendResult<String, Object>> send(String topic, String key, Object value,
            String eventType, String eventId, Instant time, String correlationId) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, value);
        Headers headers = record.headers();
        headers.add(SPEC_VERSION);
        add(headers, EventHeaders.ID, eventId);
        headers.add(typeHeaders.computeIfAbsent(eventType, type -> header(EventHeaders.TYPE, type)));
        headers.add(sourceHeader);
        add(headers, EventHeaders.TIME, IsoInstants.format(time));
        headers.add(CONTENT_TYPE);
        if (correlationId != null) {
            add(headers, EventHeaders.CORRELATION_ID, correlationId);
        }
        try {
            return template.send(record);
        } catch (RuntimeException e) {
            // the producer fails some sends before queueing them (no metadata within max.block.ms, buffer
            // full): report them like any other failed send, so every caller handles one failure path
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A random (version 4) UUID from the thread's fast generator: event ids must be unique, not
     * unguessable, and {@code UUID.randomUUID()}'s shared SecureRandom showed up in the ingest profile.
     */
    static String eventId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;              // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
