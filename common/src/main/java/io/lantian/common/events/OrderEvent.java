package io.lantian.common.events;

import io.lantian.common.events.WarningEvent.WarningLevel;

import java.time.Instant;
import java.util.List;

/**
 * A change in the life of a curtailment order (one order per enterprise per warning; its revision follows
 * the warning's). Keyed by enterprise id so that one enterprise's events stay in order.
 */
public record OrderEvent(
        String orderId,
        String warningId,
        int revision,
        String enterpriseId,
        String regionId,
        WarningLevel level,
        OrderStatus status,
        List<String> measures,
        String note,
        Instant occurredAt) {

    /**
     * UNDELIVERABLE: every delivery attempt of the current revision failed; escalation acts on it.
     * ESCALATED: a step of the order's escalation chain ran (the note names the step).
     * NON_COMPLIANT: power use during the order shows the measures were not applied (the note gives the evidence).
     */
    public enum OrderStatus {
        PENDING, DELIVERED, ACKNOWLEDGED, CANNOT_COMPLY, COMPLETED, ESCALATED, SUPERSEDED, CANCELLED, UNDELIVERABLE,
        NON_COMPLIANT
    }
}
