package io.lantian.consult.warning;

import java.time.Instant;
import java.util.List;

/** A warning as officers read it: its current state and the revisions that led there. */
public record Warning(String warningId, String regionId, String level, String status, int revision,
                      Instant effectiveFrom, Instant expectedEnd, List<Revision> history) {

    public record Revision(int revision, String action, String level, String basis, String decidedBy,
                           String comment, Instant occurredAt) {
    }

    public boolean active() {
        return "ISSUED".equals(status) || "ADJUSTED".equals(status);
    }
}
