package io.lantian.common.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A region's real-time AQI for one hour, recomputed whenever a value of that hour arrives or is corrected;
 * the latest event per region and hour is the current figure (consumers keep it by region + periodEnd).
 *
 * @param iaqi     indicator key (e.g. {@code PM2_5_24h}) → sub-index
 * @param stations how many stations contributed values to the hour
 */
public record RegionAqiEvent(
        String regionId,
        Instant periodEnd,
        String standard,
        int aqi,
        Map<String, Integer> iaqi,
        List<String> primaryPollutants,
        int stations,
        Instant occurredAt) {
}
