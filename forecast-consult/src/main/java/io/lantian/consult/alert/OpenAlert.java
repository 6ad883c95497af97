package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Status;

import java.time.Instant;

/**
 * What the evaluator needs to know of an alert that has not resolved.
 *
 * @param raisedHour the hour at which it was raised; hours up to it are never judged again for it
 * @param lastHour   the latest hour judged for it; an older hour arriving late does not change its status
 */
public record OpenAlert(String alertId, Status status, Instant raisedHour, Instant lastHour) {
}
