package io.lantian.common.topics;

import java.time.Duration;

/**
 * One Kafka topic of the catalogue: its name, the types of its keys and values, its partition count and
 * how long it keeps records. Every producer, consumer and test refers to topics through {@link Topics}.
 *
 * @param retention {@code null} for a compacted topic (latest value per key is kept)
 * @param eventType CloudEvents {@code ce_type} of the records on this topic
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType, int partitions,
                          Duration retention, String eventType) {

    /** Spring Kafka's dead-letter naming: records that cannot be processed go to {@code <topic>-dlt}. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    public boolean compacted() {
        return retention == null;
    }

    public String deadLetterName() {
        return name + DEAD_LETTER_SUFFIX;
    }
}
