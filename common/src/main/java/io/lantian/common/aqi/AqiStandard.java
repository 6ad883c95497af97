package io.lantian.common.aqi;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An AQI standard as data: its breakpoint columns, which columns each report uses and the rules between
 * them, how a sub-index is rounded, and its categories. The Chinese editions differ only in data
 * ({@link Hj633}); the US EPA AQI is the same kind of data ({@link UsEpaAqi}).
 *
 * @param code                  the API's name for it: {@code HJ633-2012}, {@code HJ633-2026}, {@code US-EPA-2024}
 * @param title                 how people write it: {@code HJ 633-2012}
 * @param source                where the numbers come from (see docs/aqi.md for confidence)
 * @param inForceFrom           the first day it applies
 * @param subIndexRounding      CEILING for HJ 633 (向上进位取整), HALF_UP for the EPA ("rounded to the nearest whole number")
 * @param columns               the breakpoint table; an indicator without a column is not defined by the standard
 * @param reports               what the real-time and the daily report use
 * @param categories            the six bands, ascending
 * @param primaryPollutantAbove the AQI must exceed this for primary pollutants to be named (HJ 633: 50; the EPA
 *                              names the critical pollutant of every report: -1)
 * @param exceedingAbove        a sub-index above this makes an exceeding pollutant (100 in both)
 */
public record AqiStandard(String code, String title, String source, LocalDate inForceFrom,
                          RoundingMode subIndexRounding, Map<Indicator, BreakpointColumn> columns,
                          Map<ReportType, ReportDefinition> reports, List<AqiCategory> categories,
                          int primaryPollutantAbove, int exceedingAbove) {

    /** HJ 633-2012, in force nationally 2016-01-01 until 2026-02-28. */
    public static final AqiStandard HJ_633_2012 = Hj633.edition2012();

    /** HJ 633—2026, in force from 2026-03-01: the IAQI 100 node for particles is lower (PM2.5 60, PM10 120). */
    public static final AqiStandard HJ_633_2026 = Hj633.edition2026();

    /** The US EPA AQI as revised in 2024 (PM2.5 breakpoints), in use from 2024-05-06: opt-in, for comparison and export. */
    public static final AqiStandard US_EPA_2024 = UsEpaAqi.revision2024();

    public static final List<AqiStandard> ALL = List.of(HJ_633_2012, HJ_633_2026, US_EPA_2024);

    public AqiStandard {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(inForceFrom, "inForceFrom");
        Objects.requireNonNull(subIndexRounding, "subIndexRounding");
        columns = Map.copyOf(new EnumMap<>(columns));
        reports = Map.copyOf(reports);
        categories = List.copyOf(categories);
        for (ReportType type : ReportType.values()) {
            ReportDefinition report = reports.get(type);
            if (report == null) {
                throw new IllegalArgumentException(code + " lacks the " + type + " report");
            }
            for (Indicator used : report.columns()) {
                if (!columns.containsKey(used)) {
                    throw new IllegalArgumentException(code + " " + type + " uses " + used + " without a column");
                }
            }
        }
        if (categories.size() != 6) {
            throw new IllegalArgumentException("six categories expected");
        }
        for (int i = 0; i < categories.size(); i++) {
            AqiCategory c = categories.get(i);
            if (c.level() != i + 1 || (i == 0 ? c.lowest() != 0 : c.lowest() != categories.get(i - 1).highest() + 1)) {
                throw new IllegalArgumentException("categories must be levels 1–6 without gaps");
            }
        }
    }

    /**
     * The Chinese edition in force on a date: HJ 633-2012 before 2026-03-01, HJ 633—2026 from then on. Dates
     * are local dates in China; an hour belongs to the date of its end in China Standard Time.
     */
    public static AqiStandard inForceOn(LocalDate date) {
        return date.isBefore(HJ_633_2026.inForceFrom()) ? HJ_633_2012 : HJ_633_2026;
    }

    /** The standard of an API code ({@code HJ633-2012}, {@code HJ633-2026}, {@code US-EPA-2024}), exactly spelled. */
    public static Optional<AqiStandard> ofCode(String code) {
        return ALL.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    public boolean defines(Indicator indicator) {
        return columns.containsKey(indicator);
    }

    public Optional<BreakpointColumn> column(Indicator indicator) {
        return Optional.ofNullable(columns.get(indicator));
    }

    public ReportDefinition report(ReportType type) {
        return reports.get(type);
    }

    /** The band of an AQI value. */
    public AqiCategory category(int aqi) {
        return categories.stream().filter(c -> c.contains(aqi)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no category for AQI " + aqi));
    }

    @Override
    public String toString() {
        return code;
    }
}
