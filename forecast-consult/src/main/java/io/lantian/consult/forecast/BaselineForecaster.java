package io.lantian.consult.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately simple baseline, so Lantian still has a short-range forecast when no official one
 * arrives: persistence of the recent level plus a damped trend. It knows nothing of weather; it is a
 * yardstick, labelled {@value #SOURCE} wherever it appears (see docs/forecast.md for its measured error).
 *
 * <p>level = mean of the last 3 hourly AQI values; slope = (that mean − the mean of the 3 hours before) / 3
 * per hour; the forecast for hour h ahead is level + slope × (φ + φ² + … + φʰ) with φ = 0.9, clamped to
 * 0…500, so a trend fades out over about a day instead of running away.
 */
public final class BaselineForecaster {

    public static final String SOURCE = "lantian-baseline";
    static final double DAMPING = 0.9;
    static final int MIN_HISTORY = 6;

    private BaselineForecaster() {
    }

    /** @param history hourly AQI values, oldest first, at least {@value #MIN_HISTORY} */
    public static List<Integer> forecast(List<Integer> history, int horizonHours) {
        if (history.size() < MIN_HISTORY) {
            throw new IllegalArgumentException("the baseline needs " + MIN_HISTORY + " hours of history, got " + history.size());
        }
        int n = history.size();
        double recent = mean(history.subList(n - 3, n));
        double before = mean(history.subList(n - 6, n - 3));
        double slope = (recent - before) / 3.0;
        List<Integer> forecast = new ArrayList<>(horizonHours);
        double trend = 0;
        double weight = 1;
        for (int h = 1; h <= horizonHours; h++) {
            weight *= DAMPING;
            trend += slope * weight;
            forecast.add((int) Math.round(Math.max(0, Math.min(500, recent + trend))));
        }
        return forecast;
    }

    /** Plain persistence (the last value), the reference the baseline must beat to be worth anything. */
    public static List<Integer> persistence(List<Integer> history, int horizonHours) {
        return java.util.Collections.nCopies(horizonHours, history.get(history.size() - 1));
    }

    private static double mean(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).average().orElse(0);
    }
}
