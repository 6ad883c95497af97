package io.lantian.bench;

import java.util.Arrays;

/** The arithmetic of a benchmark report: medians, percentiles, ratios. Plain Java, unit-tested. */
public final class Stats {

    private Stats() {
    }

    /** The median; the mean of the two middle values for an even count. */
    public static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Nearest-rank percentile (p in 0..100) of values sorted ascending; 0 for none. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        if (p <= 0) {
            return sorted[0];
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** measured ÷ baseline; NaN when the baseline is not positive (nothing to compare with). */
    public static double ratio(double measured, double baseline) {
        return baseline > 0 ? measured / baseline : Double.NaN;
    }

    public static boolean meets(double ratio, double target) {
        return !Double.isNaN(ratio) && ratio >= target;
    }
}
