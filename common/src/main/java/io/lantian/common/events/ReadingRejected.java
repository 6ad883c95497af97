package io.lantian.common.events;

import java.time.Instant;

/**
 * A reading alert-ingest refused, with the input exactly as it arrived and the reason, so nothing that was
 * sent is lost silently: it can be inspected, fixed and sent again.
 *
 * @param stationId the station the input named, or {@code null} when it named none
 * @param reason    a stable reason code (e.g. {@code UNKNOWN_STATION}; see docs/problems.md)
 * @param raw       the input: the JSON item, the CSV line, or the HJ 212 packet
 */
public record ReadingRejected(
        String stationId,
        ReadingAccepted.Source source,
        String reason,
        String message,
        String raw,
        Instant receivedAt) {

    /** Record key when the input named no station. */
    public static final String NO_STATION_KEY = "unknown";
}
