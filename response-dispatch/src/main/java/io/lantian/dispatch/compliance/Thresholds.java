package io.lantian.dispatch.compliance;

import io.lantian.dispatch.compliance.LineVerdict.Result;

import java.time.Duration;

/**
 * The compliance rule: a line under a measure may draw at most its baseline power times the share the measure
 * leaves (STOP: {@code stopResidual}; LIMIT p %: {@code 1 - p/100}) times {@code 1 + tolerance}. A verdict
 * needs a baseline of at least {@code baselineMinCoverage} of metered time and {@code minReadings} readings in the
 * window; without them there is no verdict, and in particular no flag.
 */
public record Thresholds(double stopResidual, double tolerance, Duration baselineMinCoverage, int minReadings) {

    /** The share of the baseline the measure leaves the line. */
    public double expectedShare(LineMeasure measure) {
        return switch (measure.action()) {
            case STOP -> stopResidual;
            case LIMIT -> 1 - measure.limitPercent() / 100.0;
            default -> throw new IllegalArgumentException("only STOP and LIMIT measures are verified: " + measure.action());
        };
    }

    public double expectedMaxKw(LineMeasure measure, double baselineKw) {
        return baselineKw * expectedShare(measure) * (1 + tolerance);
    }

    public LineVerdict judge(LineMeasure measure, MeteredPower baseline, MeteredPower observed) {
        Double baselineKw = baseline.meanKw();
        if (baselineKw == null || baseline.hours() * 3600 < baselineMinCoverage.toSeconds()) {
            return new LineVerdict(measure, Result.INSUFFICIENT_BASELINE, baselineKw, baseline.hours(), observed.meanKw(),
                    observed.readings(), null);
        }
        double expectedMax = expectedMaxKw(measure, baselineKw);
        if (observed.readings() < minReadings) {
            return new LineVerdict(measure, Result.NO_DATA, baselineKw, baseline.hours(), observed.meanKw(),
                    observed.readings(), expectedMax);
        }
        Result result = observed.meanKw() > expectedMax ? Result.NON_COMPLIANT : Result.COMPLIANT;
        return new LineVerdict(measure, result, baselineKw, baseline.hours(), observed.meanKw(), observed.readings(), expectedMax);
    }
}
