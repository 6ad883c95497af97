package io.lantian.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where a latency goes: each sample is the time spent in consecutive stages (µs), the latency their sum. The table
 * gives each stage's p50 and p99 over all samples, and its mean over the slowest 1 % of samples by total: the
 * stages' p99s do not add up to the total's, but the slowest samples' means do, so that column says which stage
 * makes the tail. Plain Java, unit-tested.
 */
final class StageTable {

    private StageTable() {
    }

    /** Markdown rows (header included) for stages named {@code names}; each sample has one value per name. */
    static List<String> rows(List<String> names, List<long[]> samples) {
        for (long[] sample : samples) {
            if (sample.length != names.size()) {
                throw new IllegalArgumentException("a sample has " + sample.length + " stages, not " + names.size());
            }
        }
        List<long[]> slowest = samples.stream().sorted(Comparator.comparingLong(StageTable::total).reversed())
                .limit(Math.max(1, (samples.size() + 99) / 100)).toList();
        List<String> rows = new ArrayList<>();
        rows.add("| stage | p50 ms | p99 ms | mean ms in the slowest 1 % (" + (samples.isEmpty() ? 0 : slowest.size()) + ") |");
        rows.add("| --- | ---: | ---: | ---: |");
        for (int i = 0; i <= names.size(); i++) {
            int stage = i;
            boolean total = i == names.size();
            long[] values = samples.stream().mapToLong(s -> total ? total(s) : s[stage]).sorted().toArray();
            double slowMean = samples.isEmpty() ? 0
                    : slowest.stream().mapToLong(s -> total ? total(s) : s[stage]).average().orElse(0);
            rows.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |", total ? "**total**" : names.get(i),
                    Stats.percentile(values, 50) / 1000.0, Stats.percentile(values, 99) / 1000.0, slowMean / 1000.0));
        }
        return rows;
    }

    private static long total(long[] sample) {
        return Arrays.stream(sample).sum();
    }
}
