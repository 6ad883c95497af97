package io.lantian.ingest.hj212;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HJ 212 TCP receiver, on the JDK's NIO: one selector thread does all socket I/O and framing, a fixed
 * pool of workers handles packets (they block while the broker acknowledges), and each connection's packets
 * are handled one after the other, so its answers leave in the order of its packets.
 *
 * <p>Per connection the server holds one frame decoder (1036 bytes), at most
 * {@link Hj212Limits#maxQueuedPackets()} decoded frames and at most {@value #MAX_PENDING_WRITE_BYTES} bytes
 * of unsent answers. It stops reading a connection that is above its packet rate or whose queue is full, so a
 * fast sender is slowed by TCP instead of buffered; it closes connections that stall inside a frame, stay
 * idle, keep sending defective packets, or do not read their answers. Nothing a sender does reaches the
 * selector thread as an exception: I/O errors close that connection, anything else is logged and the loop
 * goes on.
 */
public final class Hj212Server implements AutoCloseable {

    /**
     * What the handler made of one decoded frame or defect.
     *
     * @param reply     a complete frame to send back, or {@code null}
     * @param defective whether it counts towards {@link Hj212Limits#maxConsecutiveDefects()}
     */
    public record Response(byte[] reply, boolean defective) {
        public static final Response NONE = new Response(null, false);
        public static final Response DEFECT = new Response(null, true);

        public static Response reply(byte[] frame) {
            return new Response(frame, false);
        }
    }

    /** Handles one connection's input, on a worker thread, one call at a time per connection. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Hj212Decoded input, Hj212Session session);
    }

    /** Why a connection ended (the {@code reason} tag of {@code lantian_hj212_disconnects_total}). */
    public enum Disconnect {
        PEER_CLOSED, IDLE_TIMEOUT, FRAME_TIMEOUT, TOO_MANY_CONNECTIONS, TOO_MANY_FROM_ADDRESS, TOO_MANY_DEFECTS,
        WRITE_BACKLOG, ERROR, SHUTDOWN
    }

    static final int MAX_PENDING_WRITE_BYTES = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(Hj212Server.class);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long REFUSAL_WARNING_INTERVAL = TimeUnit.MINUTES.toNanos(1);

    private final InetSocketAddress bindAddress;
    private final Hj212Limits limits;
    private final Handler handler;
    private final Hj212Metrics metrics;
    private final int maxOpenSplitMessages;
    private final Duration splitMessageTimeout;
    private final Queue<Runnable> selectorTasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger open = new AtomicInteger();
    // the fields below belong to the selector thread
    private final Set<Connection> connections = new HashSet<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(Hj212Frame.MAX_FRAME);
    private long lastTick;
    private long lastRefusalWarning;

    private Selector selector;
    private ServerSocketChannel serverChannel;
    private ThreadPoolExecutor workers;
    private Thread loop;
    private volatile boolean running;

    public Hj212Server(InetSocketAddress bindAddress, Hj212Limits limits, Handler handler, Hj212Metrics metrics,
                       int maxOpenSplitMessages, Duration splitMessageTimeout) {
        this.bindAddress = bindAddress;
        this.limits = limits;
        this.handler = handler;
        this.metrics = metrics;
        this.maxOpenSplitMessages = maxOpenSplitMessages;
        this.splitMessageTimeout = splitMessageTimeout;
        metrics.connections(open::get);
    }

    /** Binds and starts serving; fails if the address is taken. */
    public synchronized void start() throws IOException {
        if (loop != null) {
            throw new IllegalStateException("an HJ 212 server starts once");
        }
        selector = Selector.open();
        serverChannel = ServerSocketChannel.open();
        try {
            serverChannel.bind(bindAddress, 128);
            serverChannel.configureBlocking(false);
            serverChannel.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            serverChannel.close();
            selector.close();
            throw e;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        // the queue holds at most one task per connection (a connection's packets are drained by one task)
        workers = new ThreadPoolExecutor(limits.workerThreads(), limits.workerThreads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "hj212-worker-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        lastTick = System.nanoTime();
        lastRefusalWarning = lastTick - REFUSAL_WARNING_INTERVAL - 1; // nanoTime has an arbitrary origin
        running = true;
        loop = new Thread(this::run, "hj212-selector");
        loop.setDaemon(true);
        loop.start();
    }

    /** The bound port (the chosen one when configured as 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.socket().getLocalSocketAddress()).getPort();
    }

    public int openConnections() {
        return open.get();
    }

    /** Stops accepting, closes every connection, and gives packets being handled a few seconds to finish. */
    @Override
    public synchronized void close() {
        if (loop == null || !running) {
            return;
        }
        running = false;
        selector.wakeup();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
            workers.shutdown();
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow(); // a worker waiting for the broker gives up: its packet is not answered
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                try {
                    selector.select(TimeUnit.NANOSECONDS.toMillis(TICK_NANOS));
                    runTasks();
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        handle(key);
                    }
                    long now = System.nanoTime();
                    if (now - lastTick >= TICK_NANOS) {
                        lastTick = now;
                        tick(now);
                    }
                } catch (IOException | RuntimeException e) {
                    log.error("HJ 212 selector loop failed; it goes on", e);
                }
            }
        } finally {
            for (Connection c : new ArrayList<>(connections)) {
                close(c, Disconnect.SHUTDOWN);
            }
            closeQuietly(serverChannel);
            closeQuietly(selector);
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            acceptAll();
            return;
        }
        Connection c = (Connection) key.attachment();
        try {
            if (key.isReadable()) {
                pump(c);
            }
            if (!c.closed && key.isWritable()) {
                flush(c);
            }
        } catch (IOException | CancelledKeyException e) {
            close(c, Disconnect.ERROR);
        } catch (RuntimeException e) {
            log.error("HJ 212 connection from {} failed", c.session.remote(), e);
            close(c, Disconnect.ERROR);
        }
    }

    private void acceptAll() {
        while (true) {
            SocketChannel channel;
            try {
                channel = serverChannel.accept();
            } catch (IOException e) {
                log.warn("HJ 212 accept failed: {}", e.toString());
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                accept(channel);
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                metrics.disconnected(Disconnect.ERROR);
            }
        }
    }

    private void accept(SocketChannel channel) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        if (connections.size() >= limits.maxConnections()) {
            refuse(channel, remote, Disconnect.TOO_MANY_CONNECTIONS);
            return;
        }
        if (perAddress.getOrDefault(remote.getAddress(), 0) >= limits.maxConnectionsPerAddress()) {
            refuse(channel, remote, Disconnect.TOO_MANY_FROM_ADDRESS);
            return;
        }
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // answers are small and awaited
        long now = System.nanoTime();
        Connection c = new Connection(channel, remote, now);
        c.key = channel.register(selector, SelectionKey.OP_READ, c);
        connections.add(c);
        perAddress.merge(remote.getAddress(), 1, Integer::sum);
        open.incrementAndGet();
        log.debug("HJ 212 connection from {}", c.session.remote());
    }

    private void refuse(SocketChannel channel, InetSocketAddress remote, Disconnect reason) {
        metrics.disconnected(reason);
        closeQuietly(channel);
        long now = System.nanoTime();
        if (now - lastRefusalWarning > REFUSAL_WARNING_INTERVAL) { // an attacker must not flood the log
            lastRefusalWarning = now;
            log.warn("HJ 212 connection from {} refused: {} (limits: {} in all, {} per address)", remote, reason,
                    limits.maxConnections(), limits.maxConnectionsPerAddress());
        }
    }

    /** Takes frames out of the connection while its rate and queue allow, reading the socket as needed. */
    private void pump(Connection c) throws IOException {
        long now = System.nanoTime();
        boolean decodedAny = false;
        while (!c.closed) {
            if (c.inboxFull()) {
                c.full = true;
                break;
            }
            if (!c.bucket.hasToken(now)) {
                c.throttled = true;
                metrics.throttled();
                break;
            }
            Hj212Decoded input = c.decoder.next();
            if (input == null) {
                readBuffer.clear().limit(c.decoder.free());
                int read = c.channel.read(readBuffer);
                if (read < 0) {
                    close(c, Disconnect.PEER_CLOSED); // what it sent before is still handled
                    return;
                }
                if (read == 0) {
                    break;
                }
                c.decoder.append(readBuffer.array(), 0, read);
                c.lastActivity = now;
                continue;
            }
            c.bucket.take();
            decodedAny = true;
            enqueue(c, input);
        }
        if (c.decoder.buffered() == 0) {
            c.partialSince = 0;
        } else if (c.partialSince == 0 || decodedAny) {
            c.partialSince = now;
        }
        updateInterest(c);
    }

    private void enqueue(Connection c, Hj212Decoded input) {
        boolean schedule;
        synchronized (c) {
            c.inbox.add(input);
            schedule = !c.draining;
            c.draining = true;
        }
        if (schedule) {
            try {
                workers.execute(() -> drain(c));
            } catch (RejectedExecutionException e) {
                log.debug("HJ 212 packet from {} dropped: the receiver is stopping", c.session.remote());
            }
        }
    }

    /** On a worker: handles the connection's queued input in order until none is left. */
    private void drain(Connection c) {
        while (true) {
            Hj212Decoded input;
            boolean freedRoom;
            synchronized (c) {
                input = c.inbox.poll();
                if (input == null) {
                    c.draining = false;
                    return;
                }
                freedRoom = c.inbox.size() + 1 >= limits.maxQueuedPackets();
            }
            Response response;
            try {
                response = handler.handle(input, c.session);
            } catch (RuntimeException e) {
                log.error("HJ 212 input from {} could not be handled", c.session.remote(), e);
                response = Response.DEFECT;
            }
            boolean tooManyDefects;
            if (response.defective()) {
                tooManyDefects = c.consecutiveDefects.incrementAndGet() >= limits.maxConsecutiveDefects();
            } else {
                c.consecutiveDefects.set(0);
                tooManyDefects = false;
            }
            byte[] reply = response.reply();
            if (reply != null || tooManyDefects || freedRoom) {
                selectorTasks.add(() -> {
                    try {
                        afterHandling(c, reply, tooManyDefects, freedRoom);
                    } catch (IOException | CancelledKeyException e) {
                        close(c, Disconnect.ERROR);
                    }
                });
                selector.wakeup();
            }
        }
    }

    private void afterHandling(Connection c, byte[] reply, boolean tooManyDefects, boolean freedRoom) throws IOException {
        if (c.closed) {
            return; // the answer has nowhere to go; the station resends what it did not see answered
        }
        if (reply != null) {
            write(c, reply);
        }
        if (tooManyDefects && !c.closed) {
            log.info("HJ 212 connection from {} closed after {} defective packets in a row", c.session.remote(),
                    limits.maxConsecutiveDefects());
            close(c, Disconnect.TOO_MANY_DEFECTS);
        }
        if (freedRoom && !c.closed && c.full) {
            c.full = false;
            resume(c);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = selectorTasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("HJ 212 selector task failed", e);
            }
        }
    }

    private void write(Connection c, byte[] frame) throws IOException {
        c.outbox.add(ByteBuffer.wrap(frame));
        c.outboxBytes += frame.length;
        flush(c);
        if (c.outboxBytes > MAX_PENDING_WRITE_BYTES) {
            log.info("HJ 212 connection from {} closed: it does not read its answers", c.session.remote());
            close(c, Disconnect.WRITE_BACKLOG);
        }
    }

    private void flush(Connection c) throws IOException {
        while (!c.outbox.isEmpty()) {
            ByteBuffer head = c.outbox.peek();
            int written = c.channel.write(head);
            c.outboxBytes -= written;
            if (head.hasRemaining()) {
                break;
            }
            c.outbox.poll();
        }
        c.lastActivity = System.nanoTime();
        updateInterest(c);
    }

    /** Reading goes on after a pause; time spent paused is not the sender's. */
    private void resume(Connection c) throws IOException {
        long now = System.nanoTime();
        c.lastActivity = now;
        if (c.partialSince != 0) {
            c.partialSince = now;
        }
        pump(c);
    }

    private void tick(long now) {
        for (Connection c : new ArrayList<>(connections)) {
            try {
                if (c.throttled && c.bucket.hasToken(now)) {
                    c.throttled = false;
                    resume(c);
                }
                if (c.closed || c.throttled || c.full) {
                    continue; // paused by this server: not the sender's delay
                }
                if (c.partialSince != 0 && now - c.partialSince > limits.frameTimeout().toNanos()) {
                    log.info("HJ 212 connection from {} closed: a frame was not complete within {}", c.session.remote(),
                            limits.frameTimeout());
                    close(c, Disconnect.FRAME_TIMEOUT);
                } else if (!c.busy() && now - c.lastActivity > limits.idleTimeout().toNanos()) {
                    log.debug("HJ 212 connection from {} closed: idle for {}", c.session.remote(), limits.idleTimeout());
                    close(c, Disconnect.IDLE_TIMEOUT);
                }
            } catch (IOException | CancelledKeyException e) {
                close(c, Disconnect.ERROR);
            }
        }
    }

    private void updateInterest(Connection c) {
        if (c.closed || !c.key.isValid()) {
            return;
        }
        int ops = (c.full || c.throttled ? 0 : SelectionKey.OP_READ) | (c.outbox.isEmpty() ? 0 : SelectionKey.OP_WRITE);
        c.key.interestOps(ops);
    }

    private void close(Connection c, Disconnect reason) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        connections.remove(c);
        perAddress.computeIfPresent(c.address, (address, count) -> count > 1 ? count - 1 : null);
        open.decrementAndGet();
        metrics.disconnected(reason); // before the peer can see the close
        if (c.key != null) {
            c.key.cancel();
        }
        closeQuietly(c.channel);
        c.outbox.clear();
        log.debug("HJ 212 connection from {} closed: {}", c.session.remote(), reason);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            log.debug("closing {} failed: {}", closeable, e.toString());
        }
    }

    /** One station connection. Fields without a note belong to the selector thread. */
    private final class Connection {
        final SocketChannel channel;
        final InetAddress address;
        final Hj212Session session;
        final Hj212FrameDecoder decoder = new Hj212FrameDecoder();
        final Hj212TokenBucket bucket;
        final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();
        /** guarded by this */
        final ArrayDeque<Hj212Decoded> inbox = new ArrayDeque<>();
        /** guarded by this: a worker task is handling (or will handle) the inbox */
        boolean draining;
        /** workers only, one at a time */
        final AtomicInteger consecutiveDefects = new AtomicInteger();
        SelectionKey key;
        int outboxBytes;
        boolean full;
        boolean throttled;
        long lastActivity;
        long partialSince;
        boolean closed;

        Connection(SocketChannel channel, InetSocketAddress remote, long now) {
            this.channel = channel;
            this.address = remote.getAddress();
            this.session = new Hj212Session(remote.toString(), maxOpenSplitMessages, splitMessageTimeout);
            this.bucket = new Hj212TokenBucket(limits.maxPacketsPerSecond(), limits.packetBurst(), now);
            this.lastActivity = now;
        }

        synchronized boolean inboxFull() {
            return inbox.size() >= limits.maxQueuedPackets();
        }

        /** Whether this server still owes the connection something: input to handle or answers to send. */
        boolean busy() {
            synchronized (this) {
                if (draining || !inbox.isEmpty()) {
                    return true;
                }
            }
            return !outbox.isEmpty();
        }
    }
}
