package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Evidence;
import io.lantian.common.events.StationAlertEvent.HourValue;
import io.lantian.common.events.StationAlertEvent.StationValue;
import io.lantian.common.pollutant.Pollutant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The level an hourly value has to be strictly above under one rule, with what it was made of — the evidence
 * of an alert, without the value itself.
 *
 * @param description how the level came about, e.g. "the TOWNSHIP threshold"
 */
public record Limit(double level, String description, Double threshold, Double baseline, List<HourValue> previousHours,
                    Double regionMedian, List<StationValue> neighbours) {

    public Limit {
        previousHours = List.copyOf(previousHours);
        neighbours = List.copyOf(neighbours);
    }

    static Limit threshold(double threshold, String description) {
        return new Limit(threshold, description, threshold, null, List.of(), null, List.of());
    }

    static Limit rise(double level, String description, double baseline, List<HourValue> previousHours) {
        return new Limit(level, description, null, baseline, previousHours, null, List.of());
    }

    static Limit regionMedian(double level, String description, double median, List<StationValue> neighbours) {
        return new Limit(level, description, null, null, List.of(), median, neighbours);
    }

    /** The evidence of {@code value} against this limit, with a sentence an officer can read. */
    Evidence evidence(Pollutant pollutant, double value) {
        String unit = pollutant.canonicalUnit().symbol();
        String comparison = value > level ? " > " : " ≤ ";
        String basis = pollutant + " " + number(value) + " " + unit + comparison + number(level) + " " + unit + " (" + description + ")";
        return new Evidence(value, unit, level, basis, threshold, baseline, previousHours, regionMedian, neighbours);
    }

    /** Up to one decimal, no trailing zeros: evidence is read by people. */
    static String number(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
