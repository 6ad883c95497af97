package io.lantian.common.aqi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The EPA's NowCast for particles: the concentration the US AQI shows for the current hour, a weighted mean
 * of the last 12 hourly values that leans on the recent hours when the air changes fast (EPA "PM NowCast"
 * fact sheet; AirNow "The NowCast for PM2.5 and PM10").
 *
 * <pre>
 *   c1 … c12   hourly means, c1 the most recent; missing hours left out of both sums
 *   w          = min / max of the available values, but at least 1/2   (w = 1 − (max − min)/max)
 *   NowCast    = Σ w^(i−1)·c_i / Σ w^(i−1)
 * </pre>
 * Valid only when at least 2 of the 3 most recent hours have a value. The hourly values go in raw; the
 * result is truncated (PM2.5 to 0.1 µg/m³, PM10 to 1 µg/m³), then looked up on the 24-h column.
 *
 * <p>Exact: with w = p/q, multiplying numerator and denominator by q^11 leaves only products of decimals,
 * and the one division truncates at the target scale exactly. China has no NowCast.
 */
public final class NowCast {

    static final int HOURS = 12;

    private NowCast() {
    }

    /** PM2.5 NowCast in µg/m³, truncated to 0.1. */
    public static Optional<BigDecimal> pm25(List<BigDecimal> hourlyMostRecentFirst) {
        return of(hourlyMostRecentFirst, 1);
    }

    /** PM10 NowCast in µg/m³, truncated to 1. */
    public static Optional<BigDecimal> pm10(List<BigDecimal> hourlyMostRecentFirst) {
        return of(hourlyMostRecentFirst, 0);
    }

    /**
     * @param hourlyMostRecentFirst hourly means, the most recent hour first, {@code null} for a missing hour;
     *                              only the first 12 count
     * @param decimals              the precision the result is truncated to
     * @return empty when fewer than 2 of the 3 most recent hours have a value
     */
    public static Optional<BigDecimal> of(List<BigDecimal> hourlyMostRecentFirst, int decimals) {
        List<BigDecimal> hours = new ArrayList<>(hourlyMostRecentFirst.subList(0, Math.min(HOURS, hourlyMostRecentFirst.size())));
        long recent = hours.subList(0, Math.min(3, hours.size())).stream().filter(c -> c != null).count();
        if (recent < 2) {
            return Optional.empty();
        }
        BigDecimal min = null;
        BigDecimal max = null;
        for (BigDecimal c : hours) {
            if (c == null) {
                continue;
            }
            if (c.signum() < 0) {
                throw new IllegalArgumentException("negative hourly value " + c.toPlainString());
            }
            min = min == null || c.compareTo(min) < 0 ? c : min;
            max = max == null || c.compareTo(max) > 0 ? c : max;
        }
        if (max.signum() == 0) {
            return Optional.of(BigDecimal.ZERO.setScale(decimals));
        }
        // w = p/q = min/max, floored at 1/2 (the floor approximates a 3-hour mean when the air changes fast)
        boolean floored = min.multiply(BigDecimal.valueOf(2)).compareTo(max) < 0;
        BigDecimal p = floored ? BigDecimal.ONE : min;
        BigDecimal q = floored ? BigDecimal.valueOf(2) : max;
        BigDecimal numerator = BigDecimal.ZERO;
        BigDecimal denominator = BigDecimal.ZERO;
        for (int i = 0; i < hours.size(); i++) {
            if (hours.get(i) == null) {
                continue;
            }
            // w^i scaled by q^(HOURS-1): p^i · q^(HOURS-1-i)
            BigDecimal weight = p.pow(i).multiply(q.pow(HOURS - 1 - i));
            numerator = numerator.add(weight.multiply(hours.get(i)));
            denominator = denominator.add(weight);
        }
        return Optional.of(numerator.divide(denominator, decimals, RoundingMode.DOWN));
    }
}
