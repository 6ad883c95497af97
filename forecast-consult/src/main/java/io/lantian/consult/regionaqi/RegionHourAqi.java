package io.lantian.consult.regionaqi;

import io.lantian.common.aqi.AqiCalculator;
import io.lantian.common.aqi.AqiStandard;
import io.lantian.common.pollutant.Pollutant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A region's real-time AQI for one hour: the mean of its stations' hourly concentrations per pollutant,
 * then the sub-indices by the standard in force on that date (China Standard Time).
 */
public record RegionHourAqi(String regionId, Instant periodEnd, Map<Pollutant, Double> meanConcentrations,
                            AqiCalculator.Result result) {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public static RegionHourAqi of(String regionId, Instant periodEnd, Map<Pollutant, Double> means) {
        AqiStandard standard = AqiStandard.inForceOn(periodEnd.atZone(CHINA).toLocalDate());
        return new RegionHourAqi(regionId, periodEnd, Map.copyOf(means), AqiCalculator.realTime(standard, means));
    }

    public int aqi() {
        return result.aqi();
    }

    public String describe() {
        return "region " + regionId + " hour ending " + periodEnd + ": AQI " + result.aqi() + " (" + result.standard()
                + ", sub-indices " + result.subIndices() + ", station means " + meanConcentrations + ")";
    }
}
