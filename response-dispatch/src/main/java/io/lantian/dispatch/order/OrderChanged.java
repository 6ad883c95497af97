package io.lantian.dispatch.order;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent.WarningLevel;

import java.time.Instant;
import java.util.UUID;

/**
 * An order changed state: published inside the transaction that changed it (synchronous Spring event), so a
 * listener's own writes — an escalation chain snapshot, a metric — commit or roll back with the change.
 */
public record OrderChanged(UUID orderId, String warningId, int revision, String enterpriseId, String regionId,
                           WarningLevel level, OrderStatus status, String actor, Instant occurredAt) {
}
