package io.lantian.dispatch.compliance;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Power-reading intake and compliance verification ({@code lantian.dispatch.compliance}, docs/compliance.md).
 *
 * @param maxBatchSize     readings per {@code POST /api/v1/power-readings}
 * @param futureSkew       how far a period end may lie ahead of the server clock (meter clocks drift)
 * @param baselineWindow   how far back before a revision took effect the baseline looks
 * @param baselineMinCoverage the metered time (sum of periods) a baseline needs before it is trusted
 * @param grace            time after a revision was issued before it is verified (to ramp down)
 * @param window           the sliding window of the observed power, ending now
 * @param minReadings      readings the window needs for a verdict
 * @param stopResidual     share of the baseline a stopped line may still draw (保温, lighting, pumps)
 * @param tolerance        margin above the expected power before a line is flagged (0.15 = 15 %)
 * @param evaluateInterval how often every order in force is verified, besides each arrival of readings
 */
@ConfigurationProperties("lantian.dispatch.compliance")
public record ComplianceProperties(Integer maxBatchSize, Duration futureSkew, Duration baselineWindow,
                                   Duration baselineMinCoverage, Duration grace, Duration window, Integer minReadings,
                                   Double stopResidual, Double tolerance, Duration evaluateInterval) {

    public ComplianceProperties {
        maxBatchSize = maxBatchSize == null ? 1000 : maxBatchSize;
        futureSkew = futureSkew == null ? Duration.ofMinutes(5) : futureSkew;
        baselineWindow = baselineWindow == null ? Duration.ofDays(7) : baselineWindow;
        baselineMinCoverage = baselineMinCoverage == null ? Duration.ofHours(24) : baselineMinCoverage;
        grace = grace == null ? Duration.ofHours(1) : grace;
        window = window == null ? Duration.ofHours(2) : window;
        minReadings = minReadings == null ? 4 : minReadings;
        stopResidual = stopResidual == null ? 0.2 : stopResidual;
        tolerance = tolerance == null ? 0.15 : tolerance;
        evaluateInterval = evaluateInterval == null ? Duration.ofMinutes(5) : evaluateInterval;
        if (maxBatchSize < 1 || minReadings < 1) {
            throw new IllegalArgumentException("lantian.dispatch.compliance.max-batch-size and min-readings must be at least 1");
        }
        if (stopResidual < 0 || stopResidual > 1 || tolerance < 0) {
            throw new IllegalArgumentException("lantian.dispatch.compliance.stop-residual must lie in 0 … 1 and tolerance be ≥ 0");
        }
    }

    public Thresholds thresholds() {
        return new Thresholds(stopResidual, tolerance, baselineMinCoverage, minReadings);
    }
}
