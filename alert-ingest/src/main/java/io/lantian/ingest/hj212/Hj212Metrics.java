package io.lantian.ingest.hj212;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The HJ 212 meters. Tags are closed sets (known CNs or {@code other}, result and reason codes): never a
 * station, MN or address, which a sender could vary without limit.
 */
public final class Hj212Metrics {

    private final MeterRegistry registry;

    public Hj212Metrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code lantian_hj212_connections}: connections open now. */
    void connections(IntSupplier open) {
        Gauge.builder("lantian_hj212_connections", open::getAsInt).description("open HJ 212 connections")
                .strongReference(true).register(registry);
    }

    /** {@code lantian_hj212_packets_total{cn, result}}. */
    public void packet(String cn, String result) {
        registry.counter("lantian_hj212_packets", "cn", cn, "result", result).increment();
    }

    /** {@code lantian_hj212_disconnects_total{reason}}: connections this receiver closed or refused, or the peer closed. */
    void disconnected(Hj212Server.Disconnect reason) {
        registry.counter("lantian_hj212_disconnects", "reason", reason.name().toLowerCase(Locale.ROOT)).increment();
    }

    /** {@code lantian_hj212_throttled_total}: times a connection was paused for sending above its rate. */
    void throttled() {
        registry.counter("lantian_hj212_throttled").increment();
    }
}
