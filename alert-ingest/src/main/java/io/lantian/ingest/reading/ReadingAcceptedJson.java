package io.lantian.ingest.reading;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.json.EventJson;
import io.lantian.common.json.IsoInstants;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.NumberOutput;

import java.util.Arrays;
import java.util.List;

/**
 * A {@link ReadingAccepted} as the JSON bytes {@link EventJson#mapper()} writes for it — byte for byte (a test
 * compares them over generated readings) — written by hand: the mapper's per-record work (bean introspection,
 * {@code DateTimeFormatter} for two instants) was an eighth of the service's CPU at full ingest load. Readings
 * this writer does not handle itself (a {@code null} field, a string that needs escaping or holds a surrogate, a
 * non-finite value) are written by the mapper, so the output is always the mapper's.
 */
final class ReadingAcceptedJson {

    /** How the mapper writes a {@code double} (its generator's choice between two formatters). */
    private static final boolean FAST_DOUBLES = EventJson.mapper().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);

    private byte[] bytes = new byte[384];
    private int length;

    private ReadingAcceptedJson() {
    }

    static byte[] write(ReadingAccepted reading) {
        byte[] json = byHand(reading);
        return json != null ? json : EventJson.mapper().writeValueAsBytes(reading);
    }

    /** The JSON written by hand, or {@code null} if this reading has to go to the mapper. */
    static byte[] byHand(ReadingAccepted reading) {
        return new ReadingAcceptedJson().tryWrite(reading);
    }

    private byte[] tryWrite(ReadingAccepted r) {
        if (r.readingId() == null || r.stationId() == null || r.regionId() == null || r.pollutant() == null
                || r.unit() == null || r.periodEnd() == null || r.averaging() == null || r.source() == null
                || r.flags() == null || r.receivedAt() == null || !Double.isFinite(r.value())) {
            return null;
        }
        ascii("{\"readingId\":");
        if (!string(r.readingId())) {
            return null;
        }
        ascii(",\"stationId\":");
        if (!string(r.stationId())) {
            return null;
        }
        ascii(",\"regionId\":");
        if (!string(r.regionId())) {
            return null;
        }
        ascii(",\"pollutant\":\"");
        ascii(r.pollutant().name());
        ascii("\",\"value\":");
        ascii(NumberOutput.toString(r.value(), FAST_DOUBLES));
        ascii(",\"unit\":");
        if (!string(r.unit())) {
            return null;
        }
        ascii(",\"periodEnd\":\"");
        ascii(IsoInstants.format(r.periodEnd()));
        ascii("\",\"averaging\":\"");
        ascii(r.averaging().toString());
        ascii("\",\"source\":\"");
        ascii(r.source().name());
        ascii("\",\"flags\":[");
        List<String> flags = r.flags();
        for (int i = 0; i < flags.size(); i++) {
            if (i > 0) {
                ascii(",");
            }
            String flag = flags.get(i);
            if (flag == null || !string(flag)) {
                return null;
            }
        }
        ascii("],\"receivedAt\":\"");
        ascii(IsoInstants.format(r.receivedAt()));
        ascii("\"}");
        return Arrays.copyOf(bytes, length);
    }

    /** Text known to be ASCII without anything JSON escapes (names, numbers, ISO-8601 times). */
    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    /**
     * A quoted string in UTF-8, unescaped as the mapper writes it; {@code false} if it needs escaping (control
     * characters, quote, backslash) or holds surrogates — left to the mapper.
     */
    private boolean string(String text) {
        ensure(text.length() * 3 + 2);
        bytes[length++] = '"';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c < 0x20 || c == '"' || c == '\\') {
                    return false;
                }
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                return false;
            } else {
                bytes[length++] = (byte) (0xE0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        bytes[length++] = '"';
        return true;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
