package io.lantian.ingest.reading;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

import java.util.ArrayList;
import java.util.List;

/**
 * One item of a readings batch as the request body's parser streamed it. Building a tree per item cost more than
 * the rest of reading the body, so an item is one of:
 * <ul>
 * <li>plain — an object with the known fields at most once each, numbers that fit a long or a double, averaging
 *     and flags null or of their type (a text, an array of texts): its {@link #submission} is read straight from the
 *     parser; {@code [start, end)} are its bytes in the body, from which its input text is made if it is rejected;</li>
 * <li>any other object ({@code submission} and {@code tree} null): read as before from the tree of its bytes;</li>
 * <li>not an object, or a body not parsed as bytes: its {@link #tree}, read as before.</li>
 * </ul>
 */
@JsonDeserialize(using = ReadingItem.Reader.class)
record ReadingItem(ReadingSubmission submission, int start, int end, JsonNode tree) {

    static final class Reader extends ValueDeserializer<ReadingItem> {

        private static final int STATION = 1, POLLUTANT = 2, VALUE = 4, UNIT = 8, PERIOD_END = 16, AVERAGING = 32, FLAGS = 64;

        @Override
        public ReadingItem deserialize(JsonParser p, DeserializationContext ctxt) {
            long start = p.currentTokenLocation().getByteOffset();
            if (!p.hasToken(JsonToken.START_OBJECT) || start < 0 || start > Integer.MAX_VALUE
                    || ctxt.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)) {
                return new ReadingItem(null, -1, -1, ctxt.readTree(p));
            }
            String stationId = null, pollutant = null, unit = null, periodEnd = null, averaging = null;
            Double value = null;
            List<String> flags = List.of();
            int seen = 0;
            boolean plain = true;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken token = p.nextToken();
                int field = switch (name) {
                    case "stationId" -> STATION;
                    case "pollutant" -> POLLUTANT;
                    case "value" -> VALUE;
                    case "unit" -> UNIT;
                    case "periodEnd" -> PERIOD_END;
                    case "averaging" -> AVERAGING;
                    case "flags" -> FLAGS;
                    default -> 0;
                };
                if ((seen & field) != 0) {
                    plain = false;                // a repeated field: the tree decides which one counts
                }
                seen |= field;
                switch (field) {
                    case STATION -> stationId = string(p, token);
                    case POLLUTANT -> pollutant = string(p, token);
                    case UNIT -> unit = string(p, token);
                    case PERIOD_END -> periodEnd = string(p, token);
                    case AVERAGING -> {
                        // not text and not null: the tree path gives its JSON, for the validator to reject
                        plain &= token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NULL;
                        averaging = string(p, token);
                    }
                    case VALUE -> {
                        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                            value = p.getDoubleValue();
                        } else if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                            value = (double) p.getLongValue();
                        } else {
                            value = null;
                            plain &= !token.isNumeric();
                            p.skipChildren();
                        }
                    }
                    case FLAGS -> {
                        if (token == JsonToken.START_ARRAY) {
                            flags = new ArrayList<>(2);
                            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                                if (t == JsonToken.VALUE_STRING) {
                                    flags.add(p.getString());
                                } else {
                                    plain = false;    // the tree path converts other elements (or fails) as before
                                    p.skipChildren();
                                }
                            }
                        } else {
                            flags = List.of();
                            // null is as if absent; anything else is for the tree path to mark (and the validator to reject)
                            plain &= token == JsonToken.VALUE_NULL;
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            long end = p.currentLocation().getByteOffset();
            if (end < 0 || end > Integer.MAX_VALUE) {
                throw new IllegalStateException("a parser that gave the item's start gives its end");
            }
            ReadingSubmission submission = plain
                    ? new ReadingSubmission(stationId, pollutant, value, unit, periodEnd, averaging, flags) : null;
            return new ReadingItem(submission, (int) start, (int) end, null);
        }

        private static String string(JsonParser p, JsonToken token) {
            if (token == JsonToken.VALUE_STRING) {
                return p.getString();
            }
            p.skipChildren();
            return null;
        }
    }
}
