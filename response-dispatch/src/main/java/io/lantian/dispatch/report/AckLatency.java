package io.lantian.dispatch.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The distribution of acknowledgement latencies — from the issue of an order's current revision to its
 * acknowledgement — in fixed buckets, so reports of different warnings compare. Percentiles are nearest-rank
 * (the smallest latency that at least p % of the acknowledgements are no slower than). Plain Java.
 */
public final class AckLatency {

    /** Bucket upper bounds; a last, open bucket takes everything slower. Also the SLO buckets of the metric. */
    public static final List<Duration> BOUNDS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(120));

    /**
     * @param upToMinutes the bucket's inclusive upper bound; null for the last bucket (more than the last bound)
     * @param count       acknowledgements in this bucket only (not cumulative)
     */
    public record Bucket(String label, Long upToMinutes, int count) {
    }

    /** Seconds, to the millisecond; null when nothing was acknowledged. */
    public record Distribution(int count, Double p50, Double p90, Double p99, Double max, List<Bucket> histogram) {
    }

    private AckLatency() {
    }

    public static Distribution of(List<Duration> latencies) {
        List<Duration> sorted = latencies.stream().map(d -> d.isNegative() ? Duration.ZERO : d).sorted().toList();
        int[] counts = new int[BOUNDS.size() + 1];
        for (Duration latency : sorted) {
            int bucket = 0;
            while (bucket < BOUNDS.size() && latency.compareTo(BOUNDS.get(bucket)) > 0) {
                bucket++;
            }
            counts[bucket]++;
        }
        List<Bucket> histogram = new ArrayList<>();
        for (int i = 0; i < BOUNDS.size(); i++) {
            histogram.add(new Bucket("≤" + BOUNDS.get(i).toMinutes() + " min", BOUNDS.get(i).toMinutes(), counts[i]));
        }
        histogram.add(new Bucket(">" + BOUNDS.get(BOUNDS.size() - 1).toMinutes() + " min", null, counts[BOUNDS.size()]));
        if (sorted.isEmpty()) {
            return new Distribution(0, null, null, null, null, histogram);
        }
        return new Distribution(sorted.size(), seconds(percentile(sorted, 50)), seconds(percentile(sorted, 90)),
                seconds(percentile(sorted, 99)), seconds(sorted.get(sorted.size() - 1)), histogram);
    }

    static Duration percentile(List<Duration> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    public static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
