package io.lantian.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PerfSummaryTest {

    @Test
    void readsTheFinalLineAndSkipsTheProgressLines() {
        List<String> output = List.of(
                "540343 records sent, 108047.6 records/sec (20.61 MB/sec), 1073.5 ms avg latency, 1912.0 ms max latency.",
                "1000000 records sent, 108061.3 records/sec (20.61 MB/sec), 1088.12 ms avg latency, 2214.00 ms max latency, "
                        + "907 ms 50th, 1790 ms 95th, 1908 ms 99th, 2150 ms 99.9th.");

        PerfSummary summary = PerfSummary.find(output).orElseThrow();

        assertThat(summary.records()).isEqualTo(1_000_000);
        assertThat(summary.recordsPerSec()).isEqualTo(108061.3);
        assertThat(summary.mbPerSec()).isEqualTo(20.61);
        assertThat(summary.p50Ms()).isEqualTo(907);
        assertThat(summary.p99Ms()).isEqualTo(1908);
        assertThat(summary.p999Ms()).isEqualTo(2150);
    }

    @Test
    void noSummaryWithoutTheFinalLine() {
        assertThat(PerfSummary.find(List.of("org.apache.kafka.common.errors.TimeoutException: …"))).isEmpty();
    }
}
