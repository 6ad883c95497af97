package io.lantian.common.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A region's air-quality forecast as it was received: who issued it, when, and either daily or hourly
 * values. Every forecast is kept; a later one for the same region supersedes it for decisions.
 *
 * @param source   e.g. {@code municipal-forecast-centre}, or {@code lantian-baseline} for the built-in one
 */
public record ForecastIssued(
        String forecastId,
        String regionId,
        Instant issuedAt,
        String issuedBy,
        String source,
        List<Day> days,
        List<Hour> hours) {

    /** A forecast day (Beijing time) with its daily AQI, an optional range and the primary pollutant. */
    public record Day(LocalDate date, int aqi, Integer aqiLow, Integer aqiHigh, String primaryPollutant) {
    }

    /** A forecast hour starting at {@code start}. */
    public record Hour(Instant start, int aqi, String primaryPollutant) {
    }
}
