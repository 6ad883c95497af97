package io.lantian.platform.kafka;

import io.lantian.common.json.IsoInstants;
import io.lantian.common.topics.Topic;
import io.lantian.platform.web.CorrelationIdFilter;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
     * Sends an already-serialized event (from the outbox) with the id and time it was given when it was
     * recorded, so a re-send after a crash carries the same {@code ce_id}.
     */
    public CompletableFuture<SendResult<String, Object>> publishSerialized(String topic, String key, byte[] json,
            String eventType, String eventId, Instant time, String correlationId) {
        return send(topic, key, json, eventType, eventId, time, correlationId);
    }

    /**
     * Starts a batch: events added to it are sent together by {@link Batch#send()}, whose one future completes when
     * the broker has acknowledged every one of them. For a caller that waits for a whole batch anyway (the reading
     * intake): it sends through the template's producer with one counting callback, instead of a future, a
     * {@code SendResult} and the template's per-record timer and listener per record, which took a tenth of the
     * service's CPU at full ingest load. Records, headers and producer settings are those of {@link #publish}.
     */
    public Batch batch() {
        return new Batch();
    }

    /**
     * Events to be sent and acknowledged together; not thread-safe, used once. They are recorded together: their
     * {@code ce_time} is the batch's start and their {@code ce_correlationid} that of the request at its start.
     */
    public final class Batch {

        private final List<ProducerRecord<String, Object>> records = new ArrayList<>();
        private final Header time = header(EventHeaders.TIME, IsoInstants.format(Instant.now()));
        private final Header correlationId = Optional.ofNullable(MDC.get(CorrelationIdFilter.MDC_KEY))
                .map(id -> header(EventHeaders.CORRELATION_ID, id)).orElse(null);

        private Batch() {
        }

        public <V> Batch add(Topic<String, V> topic, String key, V event) {
            records.add(record(topic, key, event));
            return this;
        }

        /**
         * An event of {@code topic} that the caller has already serialized to exactly the JSON the shared event
         * mapping ({@code EventJson}) writes for it — for a hot path with a faster writer of its own.
         */
        public Batch addJson(Topic<String, ?> topic, String key, byte[] json) {
            records.add(record(topic, key, json));
            return this;
        }

        /** The headers of {@link EventPublisher#record}, in the same order, with the batch's shared ones. */
        private ProducerRecord<String, Object> record(Topic<String, ?> topic, String key, Object value) {
            ProducerRecord<String, Object> record = new ProducerRecord<>(topic.name(), key, value);
            Headers headers = record.headers();
            headers.add(SPEC_VERSION);
            headers.add(new RecordHeader(EventHeaders.ID, eventIdBytes()));
            headers.add(typeHeader(topic.eventType()));
            headers.add(sourceHeader);
            headers.add(time);
            headers.add(CONTENT_TYPE);
            if (correlationId != null) {
                headers.add(correlationId);
            }
            return record;
        }

        /**
         * Sends the events; the future completes when the broker has acknowledged all of them, or exceptionally
         * with the first failure (including a send the producer refuses before queueing it).
         */
        public CompletableFuture<Void> send() {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            if (records.isEmpty()) {
                acknowledged.complete(null);
                return acknowledged;
            }
            AtomicInteger outstanding = new AtomicInteger(records.size());
            Callback callback = (metadata, exception) -> {
                if (exception != null) {
                    acknowledged.completeExceptionally(exception);
                } else if (outstanding.decrementAndGet() == 0) {
                    acknowledged.complete(null);
                }
            };
            try {
                template.execute(producer -> {
                    for (ProducerRecord<String, Object> record : records) {
                        producer.send(record, callback);
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                // as in publish: no metadata within max.block.ms, buffer full … fail the batch like a failed send
                acknowledged.completeExceptionally(e);
            }
            return acknowledged;
        }
    }

    private CompletableFuture<SendResult<String, Object>> send(String topic, String key, Object value,
            String eventType, String eventId, Instant time, String correlationId) {
        ProducerRecord<String, Object> record = record(topic, key, value, eventType, eventId, time, correlationId);
        try {
            return template.send(record);
        } catch (RuntimeException e) {
            // the producer fails some sends before queueing them (no metadata within max.block.ms, buffer
            // full): report them like any other failed send, so every caller handles one failure path
            return CompletableFuture.failedFuture(e);
        }
    }

    private ProducerRecord<String, Object> record(String topic, String key, Object value,
            String eventType, String eventId, Instant time, String correlationId) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, value);
        Headers headers = record.headers();
        headers.add(SPEC_VERSION);
        add(headers, EventHeaders.ID, eventId);
        headers.add(typeHeader(eventType));
        headers.add(sourceHeader);
        add(headers, EventHeaders.TIME, IsoInstants.format(time));
        headers.add(CONTENT_TYPE);
        if (correlationId != null) {
            add(headers, EventHeaders.CORRELATION_ID, correlationId);
        }
        return record;
    }

    /**
     * A random (version 4) UUID from the thread's fast generator: event ids must be unique, not
     * unguessable, and {@code UUID.randomUUID()}'s shared SecureRandom showed up in the ingest profile.
     */
    static String eventId() {
        return new String(eventIdBytes(), StandardCharsets.ISO_8859_1);
    }

    /** {@link #eventId()} as the header's UTF-8 bytes, written straight from the random bits. */
    static byte[] eventIdBytes() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;              // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        byte[] text = new byte[36];
        hex(text, 0, high >>> 32, 8);
        text[8] = '-';
        hex(text, 9, high >>> 16, 4);
        text[13] = '-';
        hex(text, 14, high, 4);
        text[18] = '-';
        hex(text, 19, low >>> 48, 4);
        text[23] = '-';
        hex(text, 24, low, 12);
        return text;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    /** The low {@code digits} hex digits of {@code value}, as {@code UUID.toString()} writes them. */
    private static void hex(byte[] into, int at, long value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            into[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    private Header typeHeader(String eventType) {
        return typeHeaders.computeIfAbsent(eventType, type -> header(EventHeaders.TYPE, type));
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
