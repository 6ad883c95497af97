package io.lantian.dispatch.report;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent.WarningLevel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One order of a warning with what the report needs about it.
 *
 * @param issuedAt          when the order's current revision was issued: its latest PENDING history row (a lift
 *                          or cancellation moves the revision on without issuing anything)
 * @param nonCompliant      whether the history has a NON_COMPLIANT row, at any revision
 * @param nonCompliantNote  the latest such row's note, with its time and revision
 */
record ReportRow(String orderId, String enterpriseId, String name, String township, String grade, String regionId,
                 WarningLevel level, int revision, String mode, OrderStatus status, List<String> measures,
                 Instant issuedAt, Instant ackDeadline, Instant acknowledgedAt, String cannotComplyCode,
                 String cannotComplyReason, boolean nonCompliant, String nonCompliantNote, Instant nonCompliantAt,
                 Integer nonCompliantRevision) {

    boolean acknowledged() {
        return Unacknowledged.acknowledged(status, acknowledgedAt);
    }

    boolean unacknowledged() {
        return Unacknowledged.test(status, acknowledgedAt);
    }

    /** Issue of the current revision to its acknowledgement, when it is acknowledged. */
    Optional<Duration> ackLatency() {
        return acknowledged() && issuedAt != null ? Optional.of(Duration.between(issuedAt, acknowledgedAt)) : Optional.empty();
    }

    boolean deadlinePassed(Instant now) {
        return ackDeadline != null && ackDeadline.isBefore(now);
    }
}
