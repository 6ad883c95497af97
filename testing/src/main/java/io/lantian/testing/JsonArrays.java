package io.lantian.testing;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.stream.StreamSupport;

/** Small readers for JSON arrays that APIs answer with. */
public final class JsonArrays {

    private JsonArrays() {
    }

    /** The first element whose text field {@code field} equals {@code value}; fails when there is none. */
    public static JsonNode firstWhere(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(e -> e.has(field) && value.equals(e.get(field).asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no element with " + field + "=" + value + " in " + array));
    }

    /** The text values of {@code field} across the array's elements. */
    public static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(e -> e.get(field).asString()).toList();
    }
}
