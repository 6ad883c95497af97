package io.lantian.common.aqi;

import io.lantian.common.pollutant.Pollutant;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * IAQI and AQI by HJ 633: linear interpolation between the bracketing nodes, rounded up to an integer
 * (HJ 633—2026 §4.2.6; the common practice for 2012 too), AQI = max of the sub-indices.
 */
public final class AqiCalculator {

    private AqiCalculator() {
    }

    /**
     * The sub-index of one concentration, or empty where the standard defines none (a negative value, or
     * above the end of a column that stops early: SO2 1 h > 800, O3 8 h > 800). Concentrations above the
     * last node of a full column are reported as 500, the top of the scale.
     */
    public static OptionalInt iaqi(AqiStandard standard, Indicator indicator, double concentration) {
        List<Double> bp = standard.breakpoints().get(indicator);
        List<Integer> nodes = standard.iaqiNodes();
        if (bp == null || concentration < 0 || Double.isNaN(concentration)) {
            return OptionalInt.empty();
        }
        for (int i = 1; i < bp.size(); i++) {
            if (concentration <= bp.get(i)) {
                double lo = bp.get(i - 1);
                double hi = bp.get(i);
                double value = (nodes.get(i) - nodes.get(i - 1)) / (hi - lo) * (concentration - lo) + nodes.get(i - 1);
                return OptionalInt.of((int) Math.ceil(value - 1e-9));
            }
        }
        return bp.size() == nodes.size() ? OptionalInt.of(nodes.get(nodes.size() - 1)) : OptionalInt.empty();
    }

    /** The real-time (hourly) AQI of a set of hourly concentrations, with each pollutant's sub-index. */
    public static Result realTime(AqiStandard standard, Map<Pollutant, Double> hourlyConcentrations) {
        Map<Pollutant, Integer> subIndices = new EnumMap<>(Pollutant.class);
        hourlyConcentrations.forEach((pollutant, c) ->
                iaqi(standard, Indicator.realTime(pollutant), c).ifPresent(v -> subIndices.put(pollutant, v)));
        int aqi = subIndices.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new Result(standard.code(), aqi, Map.copyOf(subIndices));
    }

    public record Result(String standard, int aqi, Map<Pollutant, Integer> subIndices) {
    }
}
