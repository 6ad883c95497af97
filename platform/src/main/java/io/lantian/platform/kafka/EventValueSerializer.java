package io.lantian.platform.kafka;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * Record values of every Lantian producer: {@code byte[]} as they are (dead letters, outbox payloads, events a
 * hot path serialized itself), anything else as JSON by the shared event mapping. One type check per record
 * instead of {@code DelegatingByTypeSerializer}'s walk over its delegates, which showed up in the ingest profile.
 */
final class EventValueSerializer implements Serializer<Object> {

    private final Serializer<Object> json;

    EventValueSerializer(Serializer<Object> json) {
        this.json = json;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        json.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return data instanceof byte[] bytes ? bytes : json.serialize(topic, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        return data instanceof byte[] bytes ? bytes : json.serialize(topic, headers, data);
    }

    @Override
    public void close() {
        json.close();
    }
}
