package io.lantian.consult.regionaqi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The means the AQI reports are made of, from a station's hourly values (keyed by the end of each hour),
 * with the validity rules of GB 3095 / HJ 663 as domain.md §1.6 summarises them:
 * <ul>
 *   <li>24-hour moving mean (SO2, NO2, CO, PM10, PM2.5): the 24 hours up to and including the hour; valid with
 *       at least 20 hourly values;</li>
 *   <li>8-hour moving mean (O3): the 8 hours up to and including the hour; valid with at least 6;</li>
 *   <li>daily mean: the natural day in Beijing time (hours ending 01:00 … 24:00); valid with at least 20;</li>
 *   <li>O3 daily maximum 8-hour mean: over the 8-hour means of hours ending 08:00 … 24:00 of the day; valid with
 *       at least 14 valid 8-hour means.</li>
 * </ul>
 * Late and corrected values simply change the stored hours; every mean is computed from the current values,
 * so nothing is counted twice. Plain Java.
 */
public final class RollingMeans {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private RollingMeans() {
    }

    /** The mean of the {@code hours} hours ending at {@code end} (inclusive), valid with {@code required} values. */
    public static Mean moving(NavigableMap<Instant, Double> hourly, Instant end, int hours, int required) {
        double sum = 0;
        int observed = 0;
        for (Map.Entry<Instant, Double> e : hourly.subMap(end.minus(Duration.ofHours(hours)), false, end, true).entrySet()) {
            sum += e.getValue();
            observed++;
        }
        return Mean.of(sum, observed, hours, required);
    }

    public static Mean mean24h(NavigableMap<Instant, Double> hourly, Instant end) {
        return moving(hourly, end, 24, 20);
    }

    public static Mean mean8h(NavigableMap<Instant, Double> hourly, Instant end) {
        return moving(hourly, end, 8, 6);
    }

    /** The natural-day mean: hours ending 01:00 … 24:00 Beijing time of {@code day}. */
    public static Mean daily(NavigableMap<Instant, Double> hourly, LocalDate day) {
        return moving(hourly, day.plusDays(1).atStartOfDay(CHINA).toInstant(), 24, 20);
    }

    /** O3: the largest valid 8-hour mean among those ending 08:00 … 24:00 of the day. */
    public static Mean o3DailyMax8h(NavigableMap<Instant, Double> hourly, LocalDate day) {
        Instant midnight = day.atStartOfDay(CHINA).toInstant();
        Double max = null;
        int valid = 0;
        for (int h = 8; h <= 24; h++) {
            Mean m = mean8h(hourly, midnight.plus(Duration.ofHours(h)));
            if (m.valid()) {
                valid++;
                max = max == null ? m.value() : Math.max(max, m.value());
            }
        }
        return new Mean(max, valid, 17, 14, valid >= 14);
    }

    public static NavigableMap<Instant, Double> series(Map<Instant, Double> values) {
        return new TreeMap<>(values);
    }
}
