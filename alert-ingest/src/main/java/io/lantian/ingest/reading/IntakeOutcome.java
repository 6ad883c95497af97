package io.lantian.ingest.reading;

/** What became of one reading of a batch: accepted under its natural key, or rejected with a reason. */
public record IntakeOutcome(int index, Status status, String readingId, Rejection.Reason reason, String message) {

    public enum Status { ACCEPTED, REJECTED }

    static IntakeOutcome accepted(int index, String readingId) {
        return new IntakeOutcome(index, Status.ACCEPTED, readingId, null, null);
    }

    static IntakeOutcome rejected(int index, Rejection rejection) {
        return new IntakeOutcome(index, Status.REJECTED, null, rejection.reason(), rejection.message());
    }

    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }
}
