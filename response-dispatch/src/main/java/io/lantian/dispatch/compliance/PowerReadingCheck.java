package io.lantian.dispatch.compliance;

import io.lantian.common.events.PowerReading;
import io.lantian.dispatch.compliance.ReadingRejection.Reason;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates power readings, the same way for the API and for Kafka: a listed enterprise, one of its lines (or
 * none: the main meter), a metering period of more than zero and at most one day, a finite energy of at least
 * zero, and a period end not ahead of the clock by more than the allowed skew.
 */
public final class PowerReadingCheck {

    static final Duration MAX_PERIOD = Duration.ofDays(1);
    static final int MAX_TEXT = 200;

    /** Either the reading to store or why not. */
    public record Checked(PowerReading reading, ReadingRejection rejection) {

        static Checked accepted(PowerReading reading) {
            return new Checked(reading, null);
        }

        static Checked rejected(Reason reason, String message) {
            return new Checked(null, new ReadingRejection(reason, message));
        }

        public boolean isAccepted() {
            return reading != null;
        }
    }

    private final Function<String, Optional<Set<String>>> linesOf;
    private final Duration futureSkew;

    /**
     * @param linesOf the lines of a listed enterprise, empty when the enterprise is not on the list in force
     */
    public PowerReadingCheck(Function<String, Optional<Set<String>>> linesOf, Duration futureSkew) {
        this.linesOf = linesOf;
        this.futureSkew = futureSkew;
    }

    /**
     * @param defaultSource the source to record when the reading names none (the sender's identity)
     */
    public Checked check(PowerReadingSubmission s, String defaultSource, Instant now) {
        if (s == null) {
            return Checked.rejected(Reason.MALFORMED, "a reading is a JSON object");
        }
        if (blank(s.enterpriseId())) {
            return Checked.rejected(Reason.MISSING_FIELD, "enterpriseId is required");
        }
        if (blank(s.periodEnd())) {
            return Checked.rejected(Reason.MISSING_FIELD, "periodEnd is required");
        }
        if (blank(s.period())) {
            return Checked.rejected(Reason.MISSING_FIELD, "period is required");
        }
        if (s.energyKwh() == null) {
            return Checked.rejected(Reason.MISSING_FIELD, "energyKwh is required (a number)");
        }
        Optional<Set<String>> lines = linesOf.apply(s.enterpriseId());
        if (lines.isEmpty()) {
            return Checked.rejected(Reason.UNKNOWN_ENTERPRISE, "enterprise " + clip(s.enterpriseId()) + " is not on the reduction list in force");
        }
        String lineId = blank(s.lineId()) ? null : s.lineId();
        if (lineId != null && !lines.get().contains(lineId)) {
            return Checked.rejected(Reason.UNKNOWN_LINE, "enterprise " + s.enterpriseId() + " has no line " + clip(lineId)
                    + " (known: " + String.join(", ", lines.get().stream().sorted().toList()) + "; omit lineId for the main meter)");
        }
        Instant periodEnd;
        try {
            periodEnd = OffsetDateTime.parse(s.periodEnd()).toInstant();
        } catch (DateTimeParseException e) {
            return Checked.rejected(Reason.INVALID_TIMESTAMP, "periodEnd " + clip(s.periodEnd())
                    + " is not an ISO-8601 instant with offset, e.g. 2026-11-29T08:00:00+08:00");
        }
        if (periodEnd.isAfter(now.plus(futureSkew))) {
            return Checked.rejected(Reason.IN_FUTURE, "periodEnd " + periodEnd + " lies in the future (server time " + now + ")");
        }
        Duration period;
        try {
            period = Duration.parse(s.period());
        } catch (DateTimeParseException e) {
            return Checked.rejected(Reason.INVALID_PERIOD, "period " + clip(s.period()) + " is not an ISO-8601 duration, e.g. PT15M");
        }
        if (period.isZero() || period.isNegative() || period.compareTo(MAX_PERIOD) > 0 || period.toSeconds() == 0) {
            return Checked.rejected(Reason.INVALID_PERIOD, "period " + period + " must be at least one second and at most one day");
        }
        double energy = s.energyKwh();
        if (!Double.isFinite(energy) || energy < 0) {
            return Checked.rejected(Reason.INVALID_ENERGY, "energyKwh " + energy + " must be a finite number of at least 0");
        }
        String source = blank(s.source()) ? defaultSource : clip(s.source());
        return Checked.accepted(new PowerReading(s.enterpriseId(), lineId, periodEnd,
                Duration.ofSeconds(period.toSeconds()), energy, source, now));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String clip(String value) {
        return value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT) + "…";
    }
}
