package io.lantian.common.events;

import java.time.Instant;

/**
 * One revision of a heavy-pollution warning for a region. Every change of a warning (issue, level change,
 * lift, cancel) is a new revision; consumers are idempotent on warning id + revision.
 */
public record WarningEvent(
        String warningId,
        int revision,
        String regionId,
        Action action,
        WarningLevel level,
        Instant effectiveFrom,
        String basis,
        String decidedBy,
        Instant occurredAt) {

    public enum Action { ISSUED, CHANGED, LIFTED, CANCELLED }

    public enum WarningLevel { HEALTH_ADVISORY, YELLOW, ORANGE, RED }
}
