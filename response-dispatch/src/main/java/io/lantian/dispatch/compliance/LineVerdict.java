package io.lantian.dispatch.compliance;

/**
 * The verdict on one line of an order revision. Missing data is never a verdict: without enough baseline or
 * enough readings in the window the result says so and nothing is flagged.
 *
 * @param expectedMaxKw null when there is no trusted baseline
 */
public record LineVerdict(LineMeasure measure, Result result, Double baselineKw, double baselineHours, Double observedKw,
                          int readingsUsed, Double expectedMaxKw) {

    public enum Result { COMPLIANT, NON_COMPLIANT, INSUFFICIENT_BASELINE, NO_DATA }
}
