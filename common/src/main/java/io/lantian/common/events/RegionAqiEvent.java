package io.lantian.common.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A region's AQI: the real-time (hourly) report for one hour, recomputed whenever a value of that hour arrives
 * or is corrected — the latest event per region and hour is the current figure (consumers keep it by region +
 * report + periodEnd) — or, once a Beijing day's windows are closed, its daily report ({@code report} DAILY,
 * {@code periodEnd} = the next Beijing midnight).
 * Regions are districts (the stations' {@code regionId}) and the townships within them; a township's
 * {@code regionId} is {@code <district>/<township>}, so the two never collide.
 *
 * @param iaqi     indicator key (e.g. {@code PM2_5_24h}) → sub-index
 * @param stations how many stations contributed values to the hour
 * @param scope    {@code DISTRICT} or {@code TOWNSHIP}; absent (older events) means {@code DISTRICT}
 * @param township the township's name for {@code TOWNSHIP}, else null
 * @param report   {@code REALTIME} (hourly) or {@code DAILY}; absent (older events) means {@code REALTIME}
 */
public record RegionAqiEvent(
        String regionId,
        Instant periodEnd,
        String standard,
        int aqi,
        Map<String, Integer> iaqi,
        List<String> primaryPollutants,
        int stations,
        Instant occurredAt,
        Scope scope,
        String township,
        Report report) {

    public enum Scope { DISTRICT, TOWNSHIP }

    public enum Report { REALTIME, DAILY }

    /** An hour of a district or a township. */
    public RegionAqiEvent(String regionId, Instant periodEnd, String standard, int aqi, Map<String, Integer> iaqi,
                          List<String> primaryPollutants, int stations, Instant occurredAt, Scope scope, String township) {
        this(regionId, periodEnd, standard, aqi, iaqi, primaryPollutants, stations, occurredAt, scope, township, Report.REALTIME);
    }

    /** A district's hour (the shape before townships were added). */
    public RegionAqiEvent(String regionId, Instant periodEnd, String standard, int aqi, Map<String, Integer> iaqi,
                          List<String> primaryPollutants, int stations, Instant occurredAt) {
        this(regionId, periodEnd, standard, aqi, iaqi, primaryPollutants, stations, occurredAt, Scope.DISTRICT, null,
                Report.REALTIME);
    }
}
