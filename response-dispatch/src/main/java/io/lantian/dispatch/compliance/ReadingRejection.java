package io.lantian.dispatch.compliance;

/** Why a power reading was refused: a stable code for machines and a message for people. */
public record ReadingRejection(Reason reason, String message) {

    public enum Reason { MALFORMED, MISSING_FIELD, UNKNOWN_ENTERPRISE, UNKNOWN_LINE, INVALID_TIMESTAMP, IN_FUTURE,
        INVALID_PERIOD, INVALID_ENERGY }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
