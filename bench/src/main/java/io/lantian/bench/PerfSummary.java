package io.lantian.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The final line of kafka-tools' {@code ProducerPerformance}:
 * {@code 1000000 records sent, 108061.3 records/sec (20.61 MB/sec), 1088.12 ms avg latency, 2214.00 ms max latency,
 * 907 ms 50th, 1790 ms 95th, 1908 ms 99th, 2150 ms 99.9th.}
 */
public record PerfSummary(long records, double recordsPerSec, double mbPerSec, double avgLatencyMs,
                          double maxLatencyMs, long p50Ms, long p95Ms, long p99Ms, long p999Ms) {

    private static final Pattern LINE = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th\\.");

    public static Optional<PerfSummary> parse(String line) {
        Matcher m = LINE.matcher(line.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PerfSummary(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                Long.parseLong(m.group(6)), Long.parseLong(m.group(7)), Long.parseLong(m.group(8)),
                Long.parseLong(m.group(9))));
    }

    /** The summary among the tool's output (the progress lines every 5 s have fewer fields). */
    public static Optional<PerfSummary> find(List<String> output) {
        return output.stream().map(PerfSummary::parse).flatMap(Optional::stream).reduce((first, last) -> last);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d records, %,.0f rec/s (%.2f MB/s), latency avg %.0f / p50 %d / p99 %d ms",
                records, recordsPerSec, mbPerSec, avgLatencyMs, p50Ms, p99Ms);
    }
}
