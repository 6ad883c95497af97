package io.lantian.consult.rules;

import java.time.Instant;

/**
 * One hour of a forecast for a region: the hour starting at {@code start}, its AQI, and the primary pollutant
 * (e.g. {@code PM2_5}, {@code O3}) when known. Daily forecasts are spread over their 24 hours.
 */
public record ForecastPoint(Instant start, int aqi, String primaryPollutant) {
}
