package io.lantian.dispatch.order;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent.WarningLevel;

import java.time.Instant;
import java.util.List;

/** A curtailment order as enterprises and officers read it. */
public record OrderView(String orderId, String warningId, int revision, String enterpriseId, String regionId,
                        WarningLevel level, String mode, OrderStatus status, List<String> measures, Instant createdAt,
                        Instant ackDeadline, Instant acknowledgedAt, String acknowledgedBy, String ackNote,
                        String cannotComplyCode, String cannotComplyReason) {
}
