package io.lantian.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageTableTest {

    @Test
    void theSlowestColumnNamesTheStageThatMakesTheTail() {
        // 200 samples: stage a is 10 ms, b 1 ms, except the two slowest, where b took 90 ms
        List<long[]> samples = new ArrayList<>();
        for (int i = 0; i < 198; i++) {
            samples.add(new long[]{10_000, 1_000});
        }
        samples.add(new long[]{10_000, 90_000});
        samples.add(new long[]{12_000, 90_000});

        List<String> rows = StageTable.rows(List.of("a", "b"), samples);

        assertThat(rows).containsExactly(
                "| stage | p50 ms | p99 ms | mean ms in the slowest 1 % (2) |",
                "| --- | ---: | ---: | ---: |",
                "| a | 10.0 | 10.0 | 11.0 |",
                "| b | 1.0 | 1.0 | 90.0 |",
                "| **total** | 11.0 | 11.0 | 101.0 |");
    }

    @Test
    void noSamplesGiveZeroesAndAMismatchedSampleIsRefused() {
        assertThat(StageTable.rows(List.of("a"), List.of())).contains("| a | 0.0 | 0.0 | 0.0 |");
        assertThatThrownBy(() -> StageTable.rows(List.of("a", "b"), List.<long[]>of(new long[]{1})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
