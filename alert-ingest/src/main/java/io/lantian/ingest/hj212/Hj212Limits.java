package io.lantian.ingest.hj212;

import java.time.Duration;

/**
 * What one receiver and each of its connections may take, so that no sender — slow, broken or hostile —
 * can exhaust memory, threads or connection slots.
 *
 * @param maxConnections           open connections; more are closed on accept
 * @param maxConnectionsPerAddress open connections from one IP address (one host cannot take every slot)
 * @param idleTimeout              a connection that sent nothing for this long, and is owed nothing, is closed
 * @param frameTimeout             a frame that started must be complete within this (slow senders)
 * @param maxPacketsPerSecond      sustained frames (and defects) taken per connection; above it the connection
 *                                 is not read until it may go on (TCP pushes back on the sender: nothing is lost)
 * @param packetBurst              frames a connection may send at once above the rate (a backlog after an outage)
 * @param maxQueuedPackets         frames of one connection waiting for a worker; when full, reading pauses
 * @param maxConsecutiveDefects    defective packets in a row (garbage, bad frames, CRC, malformed, unknown MN,
 *                                 wrong password) after which the connection is closed
 * @param workerThreads            threads that handle packets (they wait for the broker's acknowledgement)
 */
public record Hj212Limits(int maxConnections, int maxConnectionsPerAddress, Duration idleTimeout, Duration frameTimeout,
                          int maxPacketsPerSecond, int packetBurst, int maxQueuedPackets, int maxConsecutiveDefects,
                          int workerThreads) {

    public Hj212Limits {
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxPacketsPerSecond < 1 || packetBurst < 1
                || maxQueuedPackets < 1 || maxConsecutiveDefects < 1 || workerThreads < 1) {
            throw new IllegalArgumentException("HJ 212 limits must be at least 1: " + this);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || frameTimeout.isNegative() || frameTimeout.isZero()) {
            throw new IllegalArgumentException("HJ 212 timeouts must be positive");
        }
    }
}
