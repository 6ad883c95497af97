package io.lantian.ingest.hj212;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * Starts the HJ 212 server with the application context and stops it first on shutdown (the last phase), so no
 * packet arrives once the Kafka producer is going away. A port that cannot be bound fails the start.
 */
public class Hj212Endpoint implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Hj212Endpoint.class);

    private final Hj212Server server;
    private final InetSocketAddress address;
    private volatile boolean running;

    public Hj212Endpoint(Hj212Server server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    @Override
    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("HJ 212 receiver cannot listen on " + address, e);
        }
        running = true;
        log.info("HJ 212 receiver listening on {}:{}", address.getHostString(), server.port());
    }

    @Override
    public void stop() {
        server.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The port the receiver listens on. */
    public int port() {
        return server.port();
    }

    public int openConnections() {
        return server.openConnections();
    }
}
