package io.lantian.consult.forecast;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Replays an hourly AQI series: at every hour with enough history, forecast {@code horizon} hours ahead and
 * compare with what happened. Mean absolute error, plain Java.
 */
public final class BaselineEvaluation {

    private BaselineEvaluation() {
    }

    public record Score(int horizonHours, int forecasts, double meanAbsoluteError) {
    }

    public static Score replay(List<Integer> series, int horizonHours,
                               BiFunction<List<Integer>, Integer, List<Integer>> forecaster) {
        double errors = 0;
        int count = 0;
        for (int t = BaselineForecaster.MIN_HISTORY; t + horizonHours <= series.size(); t++) {
            List<Integer> predicted = forecaster.apply(series.subList(0, t), horizonHours);
            errors += Math.abs(predicted.get(horizonHours - 1) - series.get(t + horizonHours - 1));
            count++;
        }
        return new Score(horizonHours, count, count == 0 ? Double.NaN : errors / count);
    }
}
