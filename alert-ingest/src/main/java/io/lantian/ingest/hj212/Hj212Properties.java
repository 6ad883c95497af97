package io.lantian.ingest.hj212;

import io.lantian.common.pollutant.Pollutant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * {@code lantian.ingest.hj212}: the HJ 212 TCP receiver (docs/hj212.md). Limits are explained on
 * {@link Hj212Limits}.
 *
 * @param enabled              whether the receiver listens at all
 * @param address              the address to bind (loopback by default, like the HTTP port)
 * @param port                 0 picks a free port (tests)
 * @param minuteInterval       the averaging of CN 2051 minute data (the stations' MinInterval)
 * @param timeZone             the clock of DataTime (Beijing time)
 * @param splitMessageTimeout  how long the DataTime of a split message's first part is remembered
 * @param maxOpenSplitMessages split messages remembered per connection
 * @param pollutantCodes       codes added to HJ 212-2017's (vendor codes, HJ 212-2025 codes once known)
 */
@ConfigurationProperties("lantian.ingest.hj212")
public record Hj212Properties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("127.0.0.1") String address,
        @DefaultValue("8212") int port,
        @DefaultValue("256") int maxConnections,
        @DefaultValue("32") int maxConnectionsPerAddress,
        @DefaultValue("90m") Duration idleTimeout,
        @DefaultValue("10s") Duration frameTimeout,
        @DefaultValue("20") int maxPacketsPerSecond,
        @DefaultValue("100") int packetBurst,
        @DefaultValue("16") int maxQueuedPackets,
        @DefaultValue("50") int maxConsecutiveDefects,
        @DefaultValue("8") int workerThreads,
        @DefaultValue("1m") Duration minuteInterval,
        @DefaultValue("Asia/Shanghai") ZoneId timeZone,
        @DefaultValue("10m") Duration splitMessageTimeout,
        @DefaultValue("16") int maxOpenSplitMessages,
        Map<String, Pollutant> pollutantCodes) {

    public Hj212Properties {
        pollutantCodes = pollutantCodes == null ? Map.of() : Map.copyOf(pollutantCodes);
    }

    public Hj212Limits limits() {
        return new Hj212Limits(maxConnections, maxConnectionsPerAddress, idleTimeout, frameTimeout, maxPacketsPerSecond,
                packetBurst, maxQueuedPackets, maxConsecutiveDefects, workerThreads);
    }

    public Hj212Codes codes() {
        return Hj212Codes.standard().withPollutantCodes(pollutantCodes);
    }
}
