package io.lantian.common.events;

import java.time.Instant;

/**
 * A step in the life of a consultation proposal (会商): opened or updated by the rules, approved, rejected or
 * withdrawn. Keyed by region id. Duty officers are notified of new proposals from these events.
 *
 * @param level the proposed (or, once approved, the decided) level: HEALTH_ADVISORY, YELLOW, ORANGE or RED;
 *              null when a withdrawal names none
 */
public record ProposalEvent(
        String proposalId,
        String regionId,
        Kind kind,
        Step step,
        String level,
        String rule,
        String basis,
        String actor,
        String comment,
        Instant occurredAt) {

    /** ISSUE a new warning, ADJUST the active one to another level, or LIFT it. */
    public enum Kind { ISSUE, ADJUST, LIFT }

    public enum Step { OPENED, UPDATED, APPROVED, REJECTED, WITHDRAWN }
}
