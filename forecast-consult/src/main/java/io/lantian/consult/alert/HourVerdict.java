package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Evidence;

/**
 * How one hour of one station stands under one rule. Between the limit and {@code clearFactor × limit} an hour is
 * {@link Condition#BETWEEN}: it neither counts towards raising nor towards resolving (the dead band that keeps a
 * value hovering at the limit from flapping).
 *
 * @param evidence {@code null} when {@link Condition#UNKNOWN}
 */
public record HourVerdict(Condition condition, Evidence evidence) {

    public enum Condition {
        ABOVE, BETWEEN, CLEAR,
        /** no value for the hour, or not enough around it to judge (baseline, neighbours), or a rule without this pollutant */
        UNKNOWN
    }

    static final HourVerdict UNKNOWN = new HourVerdict(Condition.UNKNOWN, null);

    static HourVerdict of(Evidence evidence, double clearFactor) {
        return new HourVerdict(condition(evidence.value(), evidence.limit(), clearFactor), evidence);
    }

    /** Strictly above the limit; clear at or below {@code clearFactor} × the limit; in the dead band between. */
    static Condition condition(double value, double limit, double clearFactor) {
        return value > limit ? Condition.ABOVE : value <= limit * clearFactor ? Condition.CLEAR : Condition.BETWEEN;
    }
}
