package io.lantian.consult.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A maintenance window of a station, set by an officer: alerts of the station's hours that overlap it are
 * recorded as SILENCED. Deleting a silence ends it at that moment; it is kept for the record.
 *
 * @param from inclusive
 * @param to   exclusive
 */
public record Silence(UUID silenceId, String stationId, Instant from, Instant to, String reason, String createdBy,
                      Instant createdAt, String deletedBy, Instant deletedAt) {

    public enum State { PENDING, ACTIVE, ENDED, DELETED }

    /** The end that counts: the planned one, or the deletion when that came first. */
    public Instant effectiveEnd() {
        return deletedAt != null && deletedAt.isBefore(to) ? deletedAt : to;
    }

    /** Whether any part of the hour ending at {@code hourEnd} lies in the window: a maintained analyser spoils the hour's mean. */
    public boolean covers(Instant hourEnd) {
        Instant hourStart = hourEnd.minus(Duration.ofHours(1));
        return from.isBefore(hourEnd) && effectiveEnd().isAfter(hourStart);
    }

    public State state(Instant now) {
        if (deletedAt != null) {
            return State.DELETED;
        }
        return now.isBefore(from) ? State.PENDING : now.isBefore(to) ? State.ACTIVE : State.ENDED;
    }
}
