package io.lantian.dispatch.compliance;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.dispatch.compliance.LineVerdict.Result;

import java.time.Instant;
import java.util.List;

/**
 * What officers see of an order's compliance: the latest evaluation of each verified line of the current
 * revision, and every flag raised on the order with its evidence.
 *
 * @param revisionIssuedAt when the current revision was issued; verification starts after the grace period
 */
public record ComplianceView(String orderId, int revision, String enterpriseId, String mode, OrderStatus status,
                             Instant revisionIssuedAt, List<Evaluation> evaluations, List<Flag> flags) {

    /**
     * The latest verdict on one line. {@code lineId} null: the main meter.
     *
     * @param baselineHours metered time behind the baseline
     * @param readingsUsed  readings in the window
     */
    public record Evaluation(String lineId, String action, Integer limitPercent, Result result, Double baselineKw,
                             double baselineHours, Double observedKw, int readingsUsed, Double expectedMaxKw,
                             Instant windowFrom, Instant windowTo, Instant evaluatedAt) {
    }

    /** The evidence of one non-compliance flag, with the thresholds in force when it was raised. */
    public record Flag(int revision, String lineId, String action, Integer limitPercent, double baselineKw,
                       double baselineHours, double observedKw, double expectedMaxKw, Instant windowFrom,
                       Instant windowTo, int readingsUsed, double stopResidual, double tolerance, Instant flaggedAt) {
    }
}
