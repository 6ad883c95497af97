package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Evidence;
import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationAlertEvent.Status;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.Pollutant;

import java.time.Instant;
import java.util.List;

/**
 * A station alert as officers read it.
 *
 * @param episodeStart start of the first hour of the episode
 * @param raisedHour   end of the hour at which it was raised
 * @param lastHour     end of the latest hour judged for it
 * @param evidence     at the raise
 * @param lastEvidence of the latest hour judged (of the resolving hour once resolved)
 * @param announced    whether it went out on {@code aq.station-alerts.v1} (not when silenced from its start)
 */
public record StationAlert(String alertId, String stationId, String regionId, StationClass stationClass, Rule rule,
                           Pollutant pollutant, Status status, String statusReason, Instant episodeStart,
                           Instant raisedHour, Instant lastHour, Instant resolvedHour, Evidence evidence,
                           Evidence lastEvidence, double peakValue, int revision, boolean announced, Instant raisedAt,
                           Instant updatedAt, Instant resolvedAt) {

    OpenAlert open() {
        return new OpenAlert(alertId, status, raisedHour, lastHour);
    }

    /** The alert after a change of status at {@code hour} (a new revision); RESOLVED closes it. */
    StationAlert changed(Status newStatus, String reason, Instant hour, Evidence hourEvidence, boolean published, Instant now) {
        boolean resolved = newStatus == Status.RESOLVED;
        return new StationAlert(alertId, stationId, regionId, stationClass, rule, pollutant, newStatus, reason, episodeStart,
                raisedHour, later(lastHour, hour), resolved ? hour : null, evidence, hourEvidence,
                Math.max(peakValue, hourEvidence.value()), revision + 1, announced || published, raisedAt, now,
                resolved ? now : null);
    }

    /** The alert with the evidence of a later hour that changed nothing else (no new revision). */
    StationAlert observed(Instant hour, Evidence hourEvidence, Instant now) {
        return new StationAlert(alertId, stationId, regionId, stationClass, rule, pollutant, status, statusReason, episodeStart,
                raisedHour, later(lastHour, hour), resolvedHour, evidence, hourEvidence, Math.max(peakValue, hourEvidence.value()),
                revision, announced, raisedAt, now, resolvedAt);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** One change in an alert's life (append-only). */
    public record Transition(int revision, Status status, Instant hourEnd, String reason, Evidence evidence,
                             boolean published, Instant occurredAt) {
    }

    /** An alert with every change it went through. */
    public record WithHistory(StationAlert alert, List<Transition> transitions) {
    }
}
