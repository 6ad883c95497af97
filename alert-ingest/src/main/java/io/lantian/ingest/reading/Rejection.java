package io.lantian.ingest.reading;

/** Why a reading was refused: a stable code for machines and a message for people. */
public record Rejection(Reason reason, String message) {

    public enum Reason {
        MISSING_FIELD, UNKNOWN_STATION, UNKNOWN_POLLUTANT, POLLUTANT_NOT_MEASURED, UNKNOWN_UNIT,
        INVALID_TIMESTAMP, IN_FUTURE, TOO_OLD, INVALID_AVERAGING, NEGATIVE, SENTINEL, ABOVE_PHYSICAL_LIMIT, INVALID_FLAGS
    }
}
