package io.lantian.ingest.reading;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.json.EventJson;
import io.lantian.common.json.IsoInstants;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.NumberOutput;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    /** The readings of a batch share their receipt time: it is formatted once (a race only formats it again). */
    private record Formatted(Instant instant, String text) {
    }

    private static volatile Formatted lastReceivedAt = new Formatted(Instant.EPOCH, IsoInstants.format(Instant.EPOCH));

    private ReadingAcceptedJson() {
    }

    static byte[] write(ReadingAccepted reading) {
        byte[] json = byHand(reading);
        return json != null ? json : EventJson.mapper().writeValueAsBytes(reading);
    }

    /** The JSON written by hand, or {@code null} if this reading has to go to the mapper. */
    static byte[] byHand(ReadingAccepted r) {
        if (r.readingId() == null || r.stationId() == null || r.regionId() == null || r.pollutant() == null
                || r.unit() == null || r.periodEnd() == null || r.averaging() == null || r.source() == null
                || r.flags() == null || r.receivedAt() == null || !Double.isFinite(r.value())) {
            return null;
        }
        JsonBytes json = new JsonBytes(320);
        if (!json.ascii("{\"readingId\":").string(r.readingId())
                || !json.ascii(",\"stationId\":").string(r.stationId())
                || !json.ascii(",\"regionId\":").string(r.regionId())) {
            return null;
        }
        json.ascii(",\"pollutant\":\"").ascii(r.pollutant().name())
                .ascii("\",\"value\":").ascii(NumberOutput.toString(r.value(), FAST_DOUBLES))
                .ascii(",\"unit\":");
        if (!json.string(r.unit())) {
            return null;
        }
        json.ascii(",\"periodEnd\":\"").ascii(IsoInstants.format(r.periodEnd()))
                .ascii("\",\"averaging\":\"").ascii(averaging(r.averaging()))
                .ascii("\",\"source\":\"").ascii(r.source().name())
                .ascii("\",\"flags\":[");
        List<String> flags = r.flags();
        for (int i = 0; i < flags.size(); i++) {
            if (i > 0) {
                json.ascii(",");
            }
            String flag = flags.get(i);
            if (flag == null || !json.string(flag)) {
                return null;
            }
        }
        json.ascii("],\"receivedAt\":\"").ascii(receivedAt(r.receivedAt())).ascii("\"}");
        return json.toByteArray();
    }

    /** The averaging periods readings have, as Duration.toString() writes them. */
    private static final Map<Duration, String> AVERAGING_TEXT = Stream.of(1, 5, 10, 15, 30, 60)
            .map(Duration::ofMinutes).collect(Collectors.toUnmodifiableMap(d -> d, Duration::toString));

    private static String averaging(Duration averaging) {
        String text = AVERAGING_TEXT.get(averaging);
        return text != null ? text : averaging.toString();
    }

    private static String receivedAt(Instant instant) {
        Formatted last = lastReceivedAt;
        if (!last.instant().equals(instant)) {
            last = new Formatted(instant, IsoInstants.format(instant));
            lastReceivedAt = last;
        }
        return last.text();
    }
}
