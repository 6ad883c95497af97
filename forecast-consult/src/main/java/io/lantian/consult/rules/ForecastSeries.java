package io.lantian.consult.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Turns daily forecasts into the hourly series the rules read: a day is its 24 hours, Beijing time. */
public final class ForecastSeries {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public record Day(LocalDate date, int aqi, String primaryPollutant) {
    }

    private ForecastSeries() {
    }

    public static List<ForecastPoint> fromDays(List<Day> days) {
        List<ForecastPoint> hours = new ArrayList<>(days.size() * 24);
        for (Day day : days) {
            Instant midnight = day.date().atStartOfDay(CHINA).toInstant();
            for (int h = 0; h < 24; h++) {
                hours.add(new ForecastPoint(midnight.plusSeconds(3600L * h), day.aqi(), day.primaryPollutant()));
            }
        }
        return hours;
    }
}
