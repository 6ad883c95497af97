package io.lantian.dispatch.report;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent.WarningLevel;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where the response to one warning stands (docs/reports.md).
 *
 * @param level      the warning's level at its current revision, as its orders have it
 * @param byStatus   orders per status, every status present (zeros included)
 * @param byGrade    orders per performance grade of the enterprise
 * @param ackLatency issue of the current revision to its acknowledgement, over the acknowledged orders
 */
public record WarningReport(String warningId, String regionId, WarningLevel level, int revision, Instant generatedAt,
                            int orders, Map<OrderStatus, Integer> byStatus, Map<String, Integer> byGrade,
                            AckLatency.Distribution ackLatency, List<NotAcknowledged> notAcknowledged,
                            List<NonCompliant> nonCompliant, ReductionCheck.Reduction reduction) {

    /** An order in force whose current revision is not acknowledged (it may have been answered "cannot comply"). */
    public record NotAcknowledged(String orderId, String enterpriseId, String name, String township,
                                  OrderStatus status, Instant issuedAt, long minutesSinceIssue, Instant ackDeadline,
                                  boolean deadlinePassed, String cannotComplyCode, String cannotComplyReason) {
    }

    /** An order found non-compliant at some revision; the latest finding's note. */
    public record NonCompliant(String orderId, String enterpriseId, String name, String township, OrderStatus status,
                               int flaggedRevision, Instant flaggedAt, String note) {
    }
}
