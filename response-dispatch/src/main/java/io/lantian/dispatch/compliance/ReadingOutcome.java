package io.lantian.dispatch.compliance;

import io.lantian.dispatch.compliance.ReadingRejection.Reason;

import java.time.Instant;

/**
 * What became of one reading of a batch: stored (and whether it replaced an earlier reading for the same
 * enterprise, line and period end) or rejected with a reason.
 */
public record ReadingOutcome(int index, Status status, String enterpriseId, String lineId, Instant periodEnd,
                             Boolean replaced, Reason reason, String message) {

    public enum Status { ACCEPTED, REJECTED }

    static ReadingOutcome accepted(int index, io.lantian.common.events.PowerReading reading, boolean replaced) {
        return new ReadingOutcome(index, Status.ACCEPTED, reading.enterpriseId(), reading.lineId(), reading.periodEnd(),
                replaced, null, null);
    }

    static ReadingOutcome rejected(int index, ReadingRejection rejection) {
        return new ReadingOutcome(index, Status.REJECTED, null, null, null, null, rejection.reason(), rejection.message());
    }

    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }
}
