package io.lantian.common.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of event records, used by the Kafka serializers and by the schema tests, so what the
 * tests validate is exactly what goes on the wire. Instants and durations are ISO-8601 strings.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // tolerant reader: a newer producer may add fields to a v1 record
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
