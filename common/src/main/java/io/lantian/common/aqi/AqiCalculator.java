package io.lantian.common.aqi;

import io.lantian.common.pollutant.Pollutant;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Sub-indices and AQI of a report, in exact decimal arithmetic: a concentration is used as given (HJ 633) or
 * truncated (EPA), interpolated between the bracketing breakpoints and rounded once — up for HJ 633
 * (向上进位取整), to the nearest integer for the EPA. AQI = the highest sub-index.
 */
public final class AqiCalculator {

    private AqiCalculator() {
    }

    /**
     * The sub-index of one concentration on one column, without any report or rule between columns: empty
     * below a column that starts above 0 and above a column the standard stops (HJ 633-2012 notes 2, 3).
     *
     * @throws IllegalArgumentException for a negative concentration or an indicator the standard does not define
     */
    public static OptionalInt iaqi(AqiStandard standard, Indicator indicator, BigDecimal concentration) {
        return lookup(standard, indicator, concentration).index();
    }

    /**
     * A report from concentrations keyed by indicator, in the units of the standard (µg/m³, CO mg/m³ for
     * HJ 633; ppm/ppb/µg/m³ for the EPA).
     *
     * @throws IllegalArgumentException for a negative concentration or an indicator the standard does not define
     *                                  (e.g. {@code CO_8h} for HJ 633); check {@link AqiStandard#defines} first
     */
    public static AqiReport evaluate(AqiStandard standard, ReportType type, Map<Indicator, BigDecimal> concentrations) {
        ReportDefinition report = standard.report(type);
        Map<Indicator, SubIndex> subIndices = new EnumMap<>(Indicator.class);
        checked(concentrations).forEach((indicator, c) -> {
            BreakpointColumn.Lookup lookup = lookup(standard, indicator, c);
            SubIndex sub = new SubIndex(indicator, c, lookup.lookedUp(), lookup.index(), lookup.status(),
                    note(standard, indicator, lookup.status()));
            if (!report.uses(indicator)) {
                sub = sub.without(SubIndex.Status.NOT_IN_REPORT, "the " + type + " report of " + standard.code()
                        + " does not use " + indicator.key());
            }
            subIndices.put(indicator, sub);
        });
        for (ColumnRule rule : report.rules()) {
            apply(rule, subIndices);
        }

        List<SubIndex> ordered = List.copyOf(subIndices.values());
        OptionalInt aqi = ordered.stream().filter(s -> s.value().isPresent())
                .mapToInt(s -> s.value().getAsInt()).max();
        List<Indicator> primary = new ArrayList<>();
        List<Indicator> exceeding = new ArrayList<>();
        for (SubIndex s : ordered) {
            if (s.value().isEmpty()) {
                continue;
            }
            int value = s.value().getAsInt();
            if (aqi.getAsInt() > standard.primaryPollutantAbove() && value == aqi.getAsInt()) {
                primary.add(s.indicator());
            }
            if (value > standard.exceedingAbove()) {
                exceeding.add(s.indicator());
            }
        }
        Optional<AqiCategory> category = aqi.isPresent() ? Optional.of(standard.category(aqi.getAsInt())) : Optional.empty();
        return new AqiReport(standard, type, ordered, aqi, primary, exceeding, category);
    }

    /**
     * The real-time report of hourly means per pollutant, as forecast-consult computes a region's hour: SO2,
     * NO2, CO and O3 on their 1-h columns, particles on their 24-h columns ({@link Indicator#realTime}).
     * Values that are no concentration (negative, NaN, infinite) give no sub-index, as they never did.
     */
    public static AqiReport realTime(AqiStandard standard, Map<Pollutant, Double> hourlyMeans) {
        Map<Indicator, BigDecimal> concentrations = new EnumMap<>(Indicator.class);
        hourlyMeans.forEach((pollutant, value) -> {
            if (value != null && Double.isFinite(value) && value >= 0) {
                // valueOf: the shortest decimal that round-trips — 0.1, not new BigDecimal(0.1) = 0.1000000000000000055…
                concentrations.put(Indicator.realTime(pollutant), BigDecimal.valueOf(value));
            }
        });
        return evaluate(standard, ReportType.REALTIME, concentrations);
    }

    private static Map<Indicator, BigDecimal> checked(Map<Indicator, BigDecimal> concentrations) {
        Map<Indicator, BigDecimal> copy = new EnumMap<>(Indicator.class);
        concentrations.forEach((indicator, c) -> copy.put(Objects.requireNonNull(indicator, "indicator"),
                Objects.requireNonNull(c, () -> "concentration of " + indicator)));
        return copy;
    }

    private static BreakpointColumn.Lookup lookup(AqiStandard standard, Indicator indicator, BigDecimal concentration) {
        BreakpointColumn column = standard.column(indicator).orElseThrow(() -> new IllegalArgumentException(
                standard.code() + " defines no " + indicator.key() + " column"));
        if (concentration.signum() < 0) {
            throw new IllegalArgumentException(indicator.key() + " is negative: " + concentration.toPlainString());
        }
        return column.lookup(concentration, standard.subIndexRounding());
    }

    private static String note(AqiStandard standard, Indicator indicator, SubIndex.Status status) {
        BreakpointColumn column = standard.column(indicator).orElseThrow();
        return switch (status) {
            case COMPUTED -> "";
            case BEYOND_INDEX -> "above " + column.top().toPlainString() + " " + column.unit()
                    + ", the last breakpoint: reported as 500, the top of the index (" + standard.code()
                    + " defines nothing higher)";
            case HELD_AT_COLUMN_TOP, ABOVE_COLUMN -> column.aboveTop().rule();
            case BELOW_COLUMN -> column.belowRule();
            default -> throw new IllegalStateException("a lookup does not give " + status);
        };
    }

    private static void apply(ColumnRule rule, Map<Indicator, SubIndex> subIndices) {
        if (rule instanceof ColumnRule.Fallback f) {
            SubIndex substitute = subIndices.get(f.substitute());
            SubIndex primary = subIndices.get(f.primary());
            boolean needed = primary != null && primary.status() == SubIndex.Status.ABOVE_COLUMN;
            if (substitute != null && substitute.value().isPresent() && !needed) {
                subIndices.put(f.substitute(), substitute.without(SubIndex.Status.FALLBACK_NOT_NEEDED, f.rule()));
            }
        } else if (rule instanceof ColumnRule.Supersedes s) {
            SubIndex preferred = subIndices.get(s.preferred());
            SubIndex other = subIndices.get(s.other());
            if (preferred != null && preferred.value().isPresent() && other != null && other.value().isPresent()) {
                subIndices.put(s.other(), other.without(SubIndex.Status.SUPERSEDED, s.rule()));
            }
        }
    }
}
