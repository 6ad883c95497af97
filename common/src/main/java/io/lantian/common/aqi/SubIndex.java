package io.lantian.common.aqi;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The sub-index (IAQI) of one indicator in one report, or why there is none.
 *
 * @param indicator     the column
 * @param concentration the concentration as given
 * @param lookedUp      the concentration as it entered the table (truncated for the EPA AQI, else as given)
 * @param value         the sub-index; empty where the standard computes none
 * @param status        how the value came about
 * @param note          why, in words, for anything but {@link Status#COMPUTED}; empty otherwise
 */
public record SubIndex(Indicator indicator, BigDecimal concentration, BigDecimal lookedUp, OptionalInt value,
                       Status status, String note) {

    public enum Status {
        /** interpolated between the bracketing breakpoints */
        COMPUTED(true),
        /** above the last breakpoint of a full column: the top of the index (500), flagged */
        BEYOND_INDEX(true),
        /** above a column that stops early, where the edition holds the last node (HJ 633—2026 notes b, c; EPA SO2 1-h) */
        HELD_AT_COLUMN_TOP(true),
        /** above a column that stops early, where the edition computes nothing (HJ 633-2012 notes 2, 3; EPA O3 8-h) */
        ABOVE_COLUMN(false),
        /** below a column that starts above 0 (EPA O3 1-h, SO2 24-h) */
        BELOW_COLUMN(false),
        /** the report does not use this column (e.g. 1-h SO2/NO2/CO in the Chinese daily report) */
        NOT_IN_REPORT(false),
        /** a substitute column, used only when its primary column is above its top, and it is not */
        FALLBACK_NOT_NEEDED(false),
        /** another column of the same pollutant defines the sub-index instead (EPA: SO2 24-h ≥ 305 ppb) */
        SUPERSEDED(false);

        private final boolean hasValue;

        Status(boolean hasValue) {
            this.hasValue = hasValue;
        }

        public boolean hasValue() {
            return hasValue;
        }
    }

    public SubIndex {
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(concentration, "concentration");
        Objects.requireNonNull(lookedUp, "lookedUp");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(note, "note");
        if (value.isPresent() != status.hasValue()) {
            throw new IllegalArgumentException(status + " and value " + value + " disagree");
        }
    }

    /** The same concentration, without a sub-index, for the reason given. */
    SubIndex without(Status reason, String why) {
        return new SubIndex(indicator, concentration, lookedUp, OptionalInt.empty(), reason, why);
    }
}
