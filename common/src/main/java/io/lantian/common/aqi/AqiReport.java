package io.lantian.common.aqi;

import io.lantian.common.pollutant.Pollutant;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One real-time or daily report: every given indicator's sub-index (or why it has none), the AQI (the
 * highest sub-index), primary and exceeding pollutants and the category.
 *
 * @param standard            the standard applied
 * @param type                real-time or daily
 * @param subIndices          one per given indicator, in {@link Indicator} order
 * @param aqi                 the highest sub-index; empty when no given indicator has one
 * @param primaryPollutants   首要污染物: the indicators whose sub-index equals the AQI (ties: all of them), only when the
 *                            AQI exceeds the standard's threshold (HJ 633: 50)
 * @param exceedingPollutants 超标污染物: the indicators whose sub-index is above 100
 * @param category            the band of the AQI; empty without an AQI
 */
public record AqiReport(AqiStandard standard, ReportType type, List<SubIndex> subIndices, OptionalInt aqi,
                        List<Indicator> primaryPollutants, List<Indicator> exceedingPollutants,
                        Optional<AqiCategory> category) {

    public AqiReport {
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(type, "type");
        subIndices = List.copyOf(subIndices);
        Objects.requireNonNull(aqi, "aqi");
        primaryPollutants = List.copyOf(primaryPollutants);
        exceedingPollutants = List.copyOf(exceedingPollutants);
        Objects.requireNonNull(category, "category");
    }

    public Optional<SubIndex> subIndex(Indicator indicator) {
        return subIndices.stream().filter(s -> s.indicator() == indicator).findFirst();
    }

    /** The sub-index of an indicator; empty when it was not given or the standard computes none for it. */
    public OptionalInt iaqi(Indicator indicator) {
        return subIndex(indicator).map(SubIndex::value).orElse(OptionalInt.empty());
    }

    /**
     * The six pollutants without any sub-index in this report. HJ 633—2026 §5.3.1 (per third-party readings)
     * publishes an AQI with a pollutant missing only when it is above 100; see docs/aqi.md.
     */
    public Set<Pollutant> missingPollutants() {
        Set<Pollutant> missing = EnumSet.allOf(Pollutant.class);
        subIndices.stream().filter(s -> s.value().isPresent()).forEach(s -> missing.remove(s.indicator().pollutant()));
        return missing;
    }
}
