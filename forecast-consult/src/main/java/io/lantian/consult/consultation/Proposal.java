package io.lantian.consult.consultation;

import java.time.Instant;
import java.util.List;

/** What the rules propose for a region (会商 item) and what happened to it. */
public record Proposal(String proposalId, String regionId, Kind kind, String level, String rule, Instant windowFrom,
                       Instant windowTo, String basis, String forecastId, String warningId, String status,
                       Instant createdAt, Instant updatedAt, List<Step> steps) {

    /** ISSUE a new warning, ADJUST the active one to another level, or LIFT it. */
    public enum Kind { ISSUE, ADJUST, LIFT }

    public record Step(String action, String level, String actor, String comment, Instant occurredAt) {
    }
}
