package io.lantian.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP load of the ingest benchmark, run in its own JVM (as ProducerPerformance is, so each side's client
 * has its own process): {@code senders} threads each post batches of {@code batch} readings to
 * {@code POST /api/v1/readings} back to back, first for {@code warmup} seconds (not counted), then for
 * {@code seconds}. Counted are the responses that arrive inside the measured window; "accepted" is read from
 * each 202 body (and checked against the batch size). The bearer token comes from the environment variable {@code BENCH_TOKEN}.
 *
 * <p>Prints one line: {@code RESULT key=value …} (read by {@link IngestBenchmark}).
 *
 * <pre>java -cp … io.lantian.bench.ReadingLoad URL SENDERS BATCH WARMUP_SECONDS SECONDS FIRST_READING BASE_INSTANT STATIONS</pre>
 * (the readings come from {@link IngestBenchmark#stations} of that count, which must be registered)
 */
public final class ReadingLoad {

    private ReadingLoad() {
    }

    /**
     * @param mismatched 202 answers whose {@code accepted} count is not the number of readings sent in that request
     *                   (a reading was rejected, or the count could not be read): counted as errors
     */
    public record Result(long accepted, long rejected, long requests, double seconds, long p50Ms, long p99Ms,
                         long maxMs, Map<Integer, Long> errorsByStatus, long ioErrors, long mismatched,
                         long readingsSent, double cpuSeconds) {

        public double readingsPerSecond() {
            return accepted / seconds;
        }

        public long errors() {
            return errorsByStatus.values().stream().mapToLong(Long::longValue).sum() + ioErrors + mismatched;
        }

        String line() {
            StringBuilder s = new StringBuilder("RESULT");
            s.append(" accepted=").append(accepted).append(" rejected=").append(rejected)
                    .append(" requests=").append(requests)
                    .append(" seconds=").append(String.format(Locale.ROOT, "%.3f", seconds))
                    .append(" p50=").append(p50Ms).append(" p99=").append(p99Ms).append(" max=").append(maxMs)
                    .append(" io=").append(ioErrors).append(" mismatched=").append(mismatched).append(" sent=").append(readingsSent)
                    .append(" cpu=").append(String.format(Locale.ROOT, "%.2f", cpuSeconds));
            errorsByStatus.forEach((status, n) -> s.append(" s").append(status).append('=').append(n));
            return s.toString();
        }

        static Result parse(String line) {
            Map<String, String> kv = new HashMap<>();
            for (String part : line.trim().split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            Map<Integer, Long> errors = new TreeMap<>();
            kv.forEach((k, v) -> {
                if (k.matches("s\\d{3}")) {
                    errors.put(Integer.parseInt(k.substring(1)), Long.parseLong(v));
                }
            });
            return new Result(Long.parseLong(kv.get("accepted")), Long.parseLong(kv.get("rejected")),
                    Long.parseLong(kv.get("requests")), Double.parseDouble(kv.get("seconds")),
                    Long.parseLong(kv.get("p50")), Long.parseLong(kv.get("p99")), Long.parseLong(kv.get("max")),
                    errors, Long.parseLong(kv.get("io")), Long.parseLong(kv.get("mismatched")), Long.parseLong(kv.get("sent")),
                    Double.parseDouble(kv.get("cpu")));
        }
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int senders = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        double warmup = Double.parseDouble(args[3]);
        double seconds = Double.parseDouble(args[4]);
        long first = Long.parseLong(args[5]);
        Instant base = Instant.parse(args[6]);
        int stations = Integer.parseInt(args[7]);
        String token = System.getenv("BENCH_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("BENCH_TOKEN is not set");
        }
        ReadingBatches batches = new ReadingBatches(IngestBenchmark.stations(stations).pairs(), base, Duration.ofDays(29));
        System.out.println(run(url, token, batches, senders, batch, warmup, seconds, first).line());
        System.out.flush();
    }

    static Result run(URI url, String token, ReadingBatches batches, int senders, int batch, double warmupSeconds,
                      double seconds, long first) throws InterruptedException {
        AtomicLong next = new AtomicLong(first);
        long start = System.nanoTime();
        Window window = new Window(start + (long) (warmupSeconds * 1e9), start + (long) ((warmupSeconds + seconds) * 1e9));
        List<Sender> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            Sender sender = new Sender(url, token, batches, batch, next, window);
            all.add(sender);
            threads.add(new Thread(sender, "bench-sender-" + t));
        }
        threads.forEach(Thread::start);
        sleepUntil(window.start());
        long cpuAtStart = processCpuNanos();
        marker(WINDOW_START);
        sleepUntil(window.end());
        double cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
        marker(WINDOW_END);
        for (Thread thread : threads) {
            thread.join();
        }

        long accepted = 0;
        long rejected = 0;
        long requests = 0;
        long ioErrors = 0;
        long mismatched = 0;
        Map<Integer, Long> errors = new TreeMap<>();
        long[] latencies = new long[0];
        for (Sender s : all) {
            accepted += s.accepted;
            rejected += s.rejected;
            requests += s.count;
            ioErrors += s.ioErrors;
            mismatched += s.mismatched;
            s.errors.forEach((status, n) -> errors.merge(status, n, Long::sum));
            int at = latencies.length;
            latencies = Arrays.copyOf(latencies, at + s.count);
            System.arraycopy(s.latenciesMicros, 0, latencies, at, s.count);
        }
        Arrays.sort(latencies);
        return new Result(accepted, rejected, requests, seconds,
                Stats.percentile(latencies, 50) / 1000, Stats.percentile(latencies, 99) / 1000,
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1000, errors, ioErrors, mismatched,
                next.get() - first, cpuSeconds);
    }

    /** The measured window, in {@link System#nanoTime()}; a response counts when it arrives inside it. */
    record Window(long start, long end) {
        boolean contains(long nanos) {
            return nanos >= start && nanos < end;
        }
    }

    /**
     * One sender: posts batches back to back over its own HTTP/1.1 keep-alive connection until the window ends.
     * Senders sit on other machines in a deployment, so this one is kept lean (it shares the service's cores here):
     * the body comes from {@link ReadingBatches.Body}'s byte template, request head and body go out in one write,
     * and the answer is read by {@link KeepAliveConnection}, which scans its first bytes for the counts.
     * Its counters are read after it ended.
     */
    private static final class Sender implements Runnable {
        private final KeepAliveConnection connection;
        private final ReadingBatches batches;
        private final int batch;
        private final AtomicLong next;
        private final Window window;
        private final ReadingBatches.Body body = new ReadingBatches.Body();
        long[] latenciesMicros = new long[4096];
        int count;
        long accepted;
        long rejected;
        long ioErrors;
        long mismatched;
        final Map<Integer, Long> errors = new TreeMap<>();

        Sender(URI url, String token, ReadingBatches batches, int batch, AtomicLong next, Window window) {
            this.connection = new KeepAliveConnection(url, Map.of("Authorization", "Bearer " + token,
                    "Content-Type", "application/json"));
            this.batches = batches;
            this.batch = batch;
            this.next = next;
            this.window = window;
        }

        @Override
        public void run() {
            try {
                while (System.nanoTime() < window.end()) {
                    body.write(batches, next.getAndAdd(batch), batch);
                    long sent = System.nanoTime();
                    KeepAliveConnection.Answer answer;
                    try {
                        answer = connection.post(body.bytes(), body.start(), body.length());
                    } catch (IOException e) {
                        if (window.contains(System.nanoTime())) {
                            ioErrors++;
                        }
                        pause(100);
                        continue;
                    }
                    long done = System.nanoTime();
                    boolean counted = window.contains(done);
                    if (answer.status() == 202) {
                        if (counted) {
                            accepted += Math.max(0, answer.accepted());
                            rejected += Math.max(0, answer.rejected());
                            if (answer.accepted() != batch) {
                                mismatched++;
                            }
                            if (count == latenciesMicros.length) {
                                latenciesMicros = Arrays.copyOf(latenciesMicros, count * 2);
                            }
                            latenciesMicros[count++] = (done - sent) / 1000;
                        }
                    } else {
                        if (counted) {
                            errors.merge(answer.status(), 1L, Long::sum);
                        }
                        // a well-behaved sender backs off on 429 / 503 (both carry Retry-After; 100 ms is shorter)
                        pause(100);
                    }
                }
            } finally {
                connection.close();
            }
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /** Lines printed when the measured window starts and ends, so the caller can sample CPU at those moments. */
    static final String WINDOW_START = "WINDOW-START";
    static final String WINDOW_END = "WINDOW-END";

    private static void marker(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
