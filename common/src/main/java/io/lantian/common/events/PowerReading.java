package io.lantian.common.events;

import java.time.Duration;
import java.time.Instant;

/**
 * Electricity used by an enterprise's production line (or the whole enterprise) in one period, from its
 * power-use monitoring (用电监控, domain.md §3.5). Keyed by enterprise id. response-dispatch compares the use
 * during an active curtailment order with the line's baseline to verify the measures were applied.
 *
 * @param lineId      the production line as named in the reduction list; null for the enterprise's main meter
 * @param periodEnd   end of the metering period (exclusive)
 * @param period      length of the metering period, e.g. PT15M or PT1H
 * @param energyKwh   energy used in the period, kWh (≥ 0)
 * @param source      the monitoring platform or gateway that reported it
 */
public record PowerReading(
        String enterpriseId,
        String lineId,
        Instant periodEnd,
        Duration period,
        double energyKwh,
        String source,
        Instant receivedAt) {
}
