package io.lantian.consult.forecast;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineForecasterTest {

    @Test
    void aSteadySeriesStaysSteady() {
        assertThat(BaselineForecaster.forecast(Collections.nCopies(12, 120), 72)).containsOnly(120).hasSize(72);
    }

    @Test
    void aRisingSeriesKeepsRisingButTheTrendFades() {
        List<Integer> rising = List.of(100, 110, 120, 130, 140, 150); // +10 per hour
        List<Integer> forecast = BaselineForecaster.forecast(rising, 72);

        assertThat(forecast.get(0)).isEqualTo(149); // level 140 (mean of the last 3) + 10 × 0.9
        assertThat(forecast.get(71)).isGreaterThan(forecast.get(23)).isLessThanOrEqualTo(140 + 90); // Σφ^k < 9
        assertThat(BaselineForecaster.forecast(List.of(400, 440, 480, 490, 495, 500), 72)).allMatch(v -> v <= 500);
        assertThat(BaselineForecaster.forecast(List.of(60, 40, 20, 10, 5, 0), 72)).allMatch(v -> v >= 0);
    }

    @Test
    void itNeedsSixHoursOfHistory() {
        assertThatThrownBy(() -> BaselineForecaster.forecast(List.of(1, 2, 3), 24)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replayScoresEveryPossibleForecast() {
        List<Integer> ramp = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            ramp.add(50 + 3 * i);
        }
        BaselineEvaluation.Score baseline = BaselineEvaluation.replay(ramp, 6, BaselineForecaster::forecast);
        BaselineEvaluation.Score persistence = BaselineEvaluation.replay(ramp, 6, BaselineForecaster::persistence);

        assertThat(baseline.forecasts()).isEqualTo(48 - 6 - 6 + 1);
        assertThat(persistence.meanAbsoluteError()).isEqualTo(18.0); // 6 hours × 3 per hour
        assertThat(baseline.meanAbsoluteError()).isLessThan(persistence.meanAbsoluteError());
        assertThat(BaselineEvaluation.replay(Collections.nCopies(30, 80), 24, BaselineForecaster::forecast).meanAbsoluteError()).isZero();
    }

    /**
     * A synthetic 20-day series (diurnal cycle, two build-up-and-clear-out episodes, noise; fixed seed):
     * the numbers docs/forecast.md reports. Not real data — it shows how the baseline behaves, not how good it is.
     */
    @Test
    void syntheticEpisodeReplay() throws Exception {
        List<Integer> series = syntheticSeries(new Random(20261129));
        StringBuilder report = new StringBuilder("horizon_h,forecasts,mae_baseline,mae_persistence\n");
        for (int horizon : new int[] {1, 6, 24, 48, 72}) {
            BaselineEvaluation.Score baseline = BaselineEvaluation.replay(series, horizon, BaselineForecaster::forecast);
            BaselineEvaluation.Score persistence = BaselineEvaluation.replay(series, horizon, BaselineForecaster::persistence);
            assertThat(baseline.forecasts()).isEqualTo(series.size() - BaselineForecaster.MIN_HISTORY - horizon + 1);
            assertThat(baseline.meanAbsoluteError()).isFinite().isNotNegative();
            report.append(horizon).append(',').append(baseline.forecasts()).append(',')
                    .append(String.format("%.1f", baseline.meanAbsoluteError())).append(',')
                    .append(String.format("%.1f", persistence.meanAbsoluteError())).append('\n');
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "baseline-replay.csv"), report);
    }

    static List<Integer> syntheticSeries(Random random) {
        List<Integer> series = new ArrayList<>();
        for (int h = 0; h < 20 * 24; h++) {
            double base = 70 + 25 * Math.sin(2 * Math.PI * ((h % 24) - 8) / 24.0); // evening peak, midday low
            double episode = bump(h, 4 * 24, 3 * 24, 180) + bump(h, 12 * 24, 4 * 24, 260); // build-up, then clear-out
            series.add((int) Math.max(5, Math.round(base + episode + random.nextGaussian() * 12)));
        }
        return series;
    }

    /** Rises linearly over {@code length}, then falls within 12 hours (a cold front clears the air). */
    private static double bump(int h, int start, int length, double peak) {
        if (h < start || h > start + length + 12) {
            return 0;
        }
        return h <= start + length ? peak * (h - start) / length : peak * (start + length + 12 - h) / 12.0;
    }
}
