package io.lantian.dispatch.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AckLatencyTest {

    @Test
    void percentilesAreNearestRankAndBucketsCountEachLatencyOnce() {
        // 1, 2, … 10 minutes, in no particular order
        List<Duration> latencies = IntStream.of(7, 1, 10, 3, 5, 2, 9, 4, 6, 8).mapToObj(Duration::ofMinutes).toList();

        AckLatency.Distribution d = AckLatency.of(latencies);

        assertThat(d.count()).isEqualTo(10);
        assertThat(d.p50()).isEqualTo(300.0);  // rank ceil(0.5 × 10) = 5
        assertThat(d.p90()).isEqualTo(540.0);  // rank 9
        assertThat(d.p99()).isEqualTo(600.0);  // rank 10
        assertThat(d.max()).isEqualTo(600.0);
        assertThat(d.histogram()).extracting(AckLatency.Bucket::label)
                .containsExactly("≤5 min", "≤15 min", "≤30 min", "≤60 min", "≤120 min", ">120 min");
        // exactly 5 minutes is within "≤5 min"
        assertThat(d.histogram()).extracting(AckLatency.Bucket::count).containsExactly(5, 5, 0, 0, 0, 0);
        assertThat(d.histogram().get(5).upToMinutes()).isNull();
    }

    @Test
    void slowAcknowledgementsFallInTheOpenBucketAndClockSkewCountsAsZero() {
        AckLatency.Distribution d = AckLatency.of(List.of(Duration.ofMinutes(121), Duration.ofMillis(-40),
                Duration.ofMillis(61_250)));

        assertThat(d.histogram()).extracting(AckLatency.Bucket::count).containsExactly(2, 0, 0, 0, 0, 1);
        assertThat(d.p50()).isEqualTo(61.25);
        assertThat(d.max()).isEqualTo(7260.0);
    }

    @Test
    void nothingAcknowledgedHasACountOfZeroAndNoPercentiles() {
        AckLatency.Distribution d = AckLatency.of(List.of());

        assertThat(d.count()).isZero();
        assertThat(d.p50()).isNull();
        assertThat(d.max()).isNull();
        assertThat(d.histogram()).extracting(AckLatency.Bucket::count).containsOnly(0);
    }
}
