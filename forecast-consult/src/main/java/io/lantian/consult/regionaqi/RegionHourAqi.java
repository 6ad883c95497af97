package io.lantian.consult.regionaqi;

import io.lantian.common.aqi.AqiCalculator;
import io.lantian.common.aqi.AqiReport;
import io.lantian.common.aqi.AqiStandard;
import io.lantian.common.pollutant.Pollutant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A region's real-time AQI for one hour: the mean of its stations' hourly concentrations per pollutant,
 * then the sub-indices by the standard in force on that date (China Standard Time).
 */
public record RegionHourAqi(String regionId, Instant periodEnd, Map<Pollutant, Double> meanConcentrations,
                            AqiReport result) {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public static RegionHourAqi of(String regionId, Instant periodEnd, Map<Pollutant, Double> means) {
        AqiStandard standard = AqiStandard.inForceOn(periodEnd.atZone(CHINA).toLocalDate());
        return new RegionHourAqi(regionId, periodEnd, Map.copyOf(means), AqiCalculator.realTime(standard, means));
    }

    /** The real-time AQI; 0 when no pollutant has a sub-index. */
    public int aqi() {
        return result.aqi().orElse(0);
    }

    public String describe() {
        String subIndices = result.subIndices().stream().filter(s -> s.value().isPresent())
                .map(s -> s.indicator().key() + "=" + s.value().getAsInt()).collect(Collectors.joining(", ", "{", "}"));
        return "region " + regionId + " hour ending " + periodEnd + ": AQI " + aqi() + " (" + result.standard().title()
                + ", sub-indices " + subIndices + ", station means " + meanConcentrations + ")";
    }
}
