package io.lantian.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Child JVM of {@link DispatchBenchmark}: {@code threads} clients (each a plain socket speaking HTTP/1.1
 * keep-alive, one blocking request at a time — see {@link Connection}) acknowledging distinct orders through
 * {@code POST /api/v1/enterprise/orders/{id}/ack}, each with its enterprise's own token, the order's revision and
 * its own {@code Idempotency-Key} ({@code <orderId>.r<revision>}), so every ack changes one order once. The first
 * {@code warmup} orders of the file are acknowledged unmeasured; the rest are measured. Then, for
 * {@code repeatSeconds}, the measured acks are replayed with the same key and body (the idempotent replay path).
 *
 * <p>Args: {@code baseUrl ordersFile threads warmup repeatSeconds}; the file has one {@code orderId revision token}
 * per line. Prints {@code WINDOW_START}/{@code WINDOW_END} around the measured phase and one {@code RESULT …} line
 * per phase.
 */
public final class AckLoad {

    record Order(String id, int revision, String token) {
    }

    private final URI baseUrl;

    private AckLoad(String baseUrl) {
        this.baseUrl = URI.create(baseUrl);
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        List<Order> orders = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.split(" ");
            orders.add(new Order(f[0], Integer.parseInt(f[1]), f[2]));
        }
        int threads = Integer.parseInt(args[2]);
        int warmup = Math.min(Integer.parseInt(args[3]), orders.size() / 2);
        double repeatSeconds = Double.parseDouble(args[4]);
        AckLoad load = new AckLoad(baseUrl);
        List<Order> warm = orders.subList(0, warmup);
        List<Order> measured = orders.subList(warmup, orders.size());

        Phase w = load.phase(threads, i -> i < warm.size() ? warm.get(i) : null, Double.MAX_VALUE);
        System.err.println("warm-up: " + w.summary("warmup"));
        System.out.println("WINDOW_START");
        System.out.flush();
        double cpu0 = cpuSeconds();
        Phase m = load.phase(threads, i -> i < measured.size() ? measured.get(i) : null, Double.MAX_VALUE);
        double cpu1 = cpuSeconds();
        System.out.println("WINDOW_END");
        System.out.println("RESULT " + m.summary("acks") + String.format(Locale.ROOT, " clientCpuSeconds=%.2f", cpu1 - cpu0));
        System.out.flush();
        if (repeatSeconds > 0) {
            Phase r = load.phase(threads, i -> measured.get(i % measured.size()), repeatSeconds);
            System.out.println("RESULT " + r.summary("repeat-acks"));
            System.out.flush();
        }
    }

    static final class Phase {
        final AtomicLong ok = new AtomicLong();
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final AtomicLong ioErrors = new AtomicLong();
        final List<long[]> latencies = new ArrayList<>();
        double seconds;

        String summary(String name) {
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            long n = all.length;
            Map<Integer, Long> s = new TreeMap<>();
            statuses.forEach((k, v) -> s.put(k, v.get()));
            return String.format(Locale.ROOT, "phase=%s requests=%d ok=%d seconds=%.3f perSec=%.1f p50Ms=%.2f p99Ms=%.2f "
                            + "maxMs=%.2f statuses=%s ioErrors=%d", name, n, ok.get(), seconds, ok.get() / seconds,
                    pct(all, 50), pct(all, 99), n == 0 ? 0 : all[all.length - 1] / 1000.0,
                    s.toString().replace(" ", ""), ioErrors.get());
        }

        private static double pct(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : Stats.percentile(sorted, p) / 1000.0;
        }
    }

    /** Runs until {@code next} answers null or the time is up; each request's latency in microseconds. */
    private Phase phase(int threads, IntFunction<Order> next, double maxSeconds) throws InterruptedException {
        Phase phase = new Phase();
        AtomicInteger index = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        long deadline = maxSeconds == Double.MAX_VALUE ? Long.MAX_VALUE : start + (long) (maxSeconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[][] mine = {new long[1024]};
            int[] count = {0};
            Thread worker = new Thread(() -> {
                Connection connection = new Connection(baseUrl.getHost(), baseUrl.getPort());
                try {
                    while (System.nanoTime() < deadline) {
                        Order o = next.apply(index.getAndIncrement());
                        if (o == null) {
                            break;
                        }
                        long t0 = System.nanoTime();
                        int status = ack(connection, o);
                        long micros = (System.nanoTime() - t0) / 1000;
                        if (status < 0) {
                            phase.ioErrors.incrementAndGet();
                        } else {
                            phase.statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                            if (status == 200) {
                                phase.ok.incrementAndGet();
                            }
                        }
                        if (count[0] == mine[0].length) {
                            mine[0] = Arrays.copyOf(mine[0], mine[0].length * 2);
                        }
                        mine[0][count[0]++] = micros;
                    }
                } finally {
                    connection.close();
                    synchronized (phase) {
                        phase.latencies.add(Arrays.copyOf(mine[0], count[0]));
                    }
                    done.countDown();
                }
            }, "ack-" + t);
            workers.add(worker);
            worker.start();
        }
        done.await();
        phase.seconds = (System.nanoTime() - start) / 1e9;
        return phase;
    }

    private int ack(Connection connection, Order o) {
        String body = "{\"revision\":" + o.revision() + ",\"note\":\"bench\"}";
        String request = "POST /api/v1/enterprise/orders/" + o.id() + "/ack HTTP/1.1\r\n"
                + "Host: " + baseUrl.getHost() + ":" + baseUrl.getPort() + "\r\n"
                + "Authorization: Bearer " + o.token() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Idempotency-Key: " + o.id() + ".r" + o.revision() + "\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "\r\n" + body;
        return connection.exchange(request.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One keep-alive HTTP/1.1 connection: writes a request, reads the whole answer (status line, headers, a body of
     * Content-Length or chunked) and returns the status; reconnects when the server closed it. Far cheaper in CPU
     * than java.net.http (which cost ≈ 0.4 ms of CPU per ack on the two cores the service shares), so the client
     * takes less from the service it measures. Closed loop, like the earlier client: no correction for coordinated
     * omission.
     */
    static final class Connection {
        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** @return the HTTP status, or -1 on an I/O error (the connection is then dropped) */
        int exchange(byte[] request) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(host, port), 5000);
                    socket.setSoTimeout(30_000);
                    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                    out = socket.getOutputStream();
                }
                out.write(request);
                out.flush();
                String statusLine = line();
                int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
                long length = 0;
                boolean chunked = false;
                boolean close = false;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring(15).trim());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        close = true;
                    }
                }
                if (chunked) {
                    for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                         size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                        skip(size);
                        line();
                    }
                    while (!line().isEmpty()) {
                        // trailers
                    }
                } else {
                    skip(length);
                }
                if (close) {
                    close();
                }
                return status;
            } catch (IOException | RuntimeException e) {
                close();
                return -1;
            }
        }

        private String line() throws IOException {
            StringBuilder text = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed");
                }
                if (c != '\r') {
                    text.append((char) c);
                }
            }
            return text.toString();
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("connection closed");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
