package io.lantian.common.events;

import io.lantian.common.json.IsoInstants;
import io.lantian.common.pollutant.Pollutant;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A validated reading in its canonical unit. The period ends at {@code periodEnd} (the timestamp of a
 * reading is the end of its averaging period). {@code readingId} is the natural key
 * station + pollutant + period end + averaging, so a re-sent reading has the same id.
 */
public record ReadingAccepted(
        String readingId,
        String stationId,
        String regionId,
        Pollutant pollutant,
        double value,
        String unit,
        Instant periodEnd,
        Duration averaging,
        Source source,
        List<String> flags,
        Instant receivedAt) {

    public enum Source { HTTP, CSV, HJ212 }

    public static String naturalKey(String stationId, Pollutant pollutant, Instant periodEnd, Duration averaging) {
        // IsoInstants: the text of Instant.toString(), without its formatter (one key per ingested reading)
        return stationId + "/" + pollutant + "/" + IsoInstants.format(periodEnd) + "/" + averaging;
    }
}
