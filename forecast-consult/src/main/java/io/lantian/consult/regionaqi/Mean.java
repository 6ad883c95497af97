package io.lantian.consult.regionaqi;

/**
 * A mean with its coverage: how many values it is made of, how many the period holds, how many the
 * validity rule asks for. An invalid mean is still reported (with {@code valid = false}), never silently
 * dropped or passed off as valid.
 */
public record Mean(Double value, int observed, int expected, int required, boolean valid) {

    public static Mean of(double sum, int observed, int expected, int required) {
        return new Mean(observed == 0 ? null : sum / observed, observed, expected, required, observed >= required);
    }
}
