package io.lantian.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Stats.median(3, 1, 2)).isEqualTo(2);
        assertThat(Stats.median(40_000, 10_000, 30_000, 20_000)).isEqualTo(25_000);
        assertThat(Stats.median(7)).isEqualTo(7);
    }

    @Test
    void nearestRankPercentiles() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(Stats.percentile(sorted, 50)).isEqualTo(50);
        assertThat(Stats.percentile(sorted, 99)).isEqualTo(99);
        assertThat(Stats.percentile(sorted, 100)).isEqualTo(100);
        assertThat(Stats.percentile(new long[] {5}, 99)).isEqualTo(5);
        assertThat(Stats.percentile(new long[0], 50)).isZero();
    }

    @Test
    void ratioOfMediansAgainstTheTarget() {
        double ratio = Stats.ratio(Stats.median(21_000, 19_000, 20_000), Stats.median(40_000, 50_000, 45_000));
        assertThat(ratio).isCloseTo(0.444, within(0.001));
        assertThat(Stats.meets(ratio, 0.5)).isFalse();
        assertThat(Stats.meets(Stats.ratio(50, 100), 0.5)).isTrue();
        assertThat(Stats.ratio(1, 0)).isNaN();
        assertThat(Stats.meets(Stats.ratio(1, 0), 0.5)).isFalse();
    }
}
