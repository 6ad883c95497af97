package io.lantian.bench;

import static io.lantian.bench.BenchSupport.cpuModel;
import static io.lantian.bench.BenchSupport.delete;
import static io.lantian.bench.BenchSupport.freePorts;
import static io.lantian.bench.BenchSupport.jvmArgs;
import static io.lantian.bench.BenchSupport.progress;
import static io.lantian.bench.BenchSupport.recreate;

import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultApplication;
import io.lantian.ingest.IngestApplication;
import io.lantian.localstack.LocalBroker;
import io.lantian.platform.ServiceApplication;
import io.lantian.platform.kafka.EventHeaders;
import io.lantian.platform.security.HmacTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Detection latency (analytics issue): a reading received by alert-ingest ({@code POST /api/v1/readings}) → its
 * station alert on {@code aq.station-alerts.v1}. Target: p99 ≤ 100 ms at an offered load of 5 000 readings/s
 * across 2 000 stations.
 *
 * <p>One process starts a loopback broker ({@link LocalBroker}), an embedded PostgreSQL, alert-ingest and
 * forecast-consult (both in this JVM, as the local stack runs them), imports {@code stations} stations (six
 * pollutants each, 20 per district, 5 per township) through the admin CSV import, and waits until forecast-consult
 * knows them. The load is open-loop: a batch of {@code batch} hourly readings every {@code batch / rate} seconds,
 * sent asynchronously whether or not earlier requests have been answered, so a slow service shows as latency,
 * not as a lower offered rate. The readings walk forward one hour per round of {@code stations × 6} readings,
 * starting 44 hours back (inside the alert rules' 48-hour window, never ahead of now; further back when warm-up
 * and measurement take more rounds, with the rules' window widened to match: {@link Options#consultArgs}). Values
 * are steady and below every rule; one station in {@code every} per round sends PM2.5 200 µg/m³ for that hour
 * (above the 150 threshold, which raises at once; the rise and region-median rules need two hours and stay quiet),
 * each station once every {@code every} rounds (a new episode each time). Latency = arrival of the RAISED event
 * on the topic (a consumer in this JVM) − the moment the POST carrying that reading was due to be sent; only
 * triggers sent inside the measured window count. Never part of {@code verify}; run with {@code bench/run-detection.sh}.
 */
public final class DetectionBenchmark {

    static final List<String> POLLUTANTS = BenchStations.POLLUTANTS;
    /** How far back the readings start, at least: inside the alert rules' default 48-hour window. */
    static final int HOURS_BACK = 44;
    static final int MAX_IN_FLIGHT = 512;
    /** Threads sending the POSTs; more POSTs in flight than this wait for one, their time counted from when they were due. */
    private static final int POSTERS = 64;

    record Options(int stations, double rate, int batch, double warmupSeconds, double seconds, int every,
                   double drainSeconds, Path dir, Map<String, String> postgres, List<String> serviceArgs) {

        /**
         * Hours back the first round starts: {@link #HOURS_BACK}, or more when warm-up and measurement take more
         * rounds than that (one round per hour, never ahead of now).
         */
        int hoursBack() {
            double roundSeconds = stations * POLLUTANTS.size() / rate;
            return Math.max(HOURS_BACK, (int) Math.ceil((warmupSeconds + seconds) / roundSeconds) + 1);
        }

        /**
         * forecast-consult's arguments: the given ones, and when the rounds start further back than the rules'
         * default 48-hour window, a window that holds them all, so warm-up values are judged as measured ones are.
         */
        List<String> consultArgs() {
            int hoursBack = hoursBack();
            List<String> args = new ArrayList<>();
            if (hoursBack > HOURS_BACK) {
                args.add("--lantian.consult.alerts.evaluate-within=" + (hoursBack + 4) + "h");
            }
            args.addAll(serviceArgs);
            return List.copyOf(args);
        }

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            List<String> service = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--")) {
                    service.addAll(List.of(args).subList(i + 1, args.length));
                    break;
                }
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("usage: [--stations 2000] [--rate 5000] [--batch 50] [--warmup 180] "
                            + "[--seconds 60] [--every 50] [--drain 60] [--dir bench/target/detection] "
                            + "[--pg name=value,name=value (PostgreSQL server settings, for diagnosis)] [-- service args]");
                }
                given.put(args[i].substring(2), args[++i]);
            }
            List<String> known = List.of("stations", "rate", "batch", "warmup", "seconds", "every", "drain", "dir", "pg");
            given.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException("unknown option --" + k + "; known: " + known);
            });
            return new Options(Integer.parseInt(given.getOrDefault("stations", "2000")),
                    Double.parseDouble(given.getOrDefault("rate", "5000")),
                    Integer.parseInt(given.getOrDefault("batch", "50")),
                    Double.parseDouble(given.getOrDefault("warmup", "180")),
                    Double.parseDouble(given.getOrDefault("seconds", "60")),
                    Integer.parseInt(given.getOrDefault("every", "50")),
                    Double.parseDouble(given.getOrDefault("drain", "60")),
                    Path.of(given.getOrDefault("dir", "bench/target/detection")).toAbsolutePath(),
                    BenchPostgres.settings(given.getOrDefault("pg", "")), List.copyOf(service));
        }
    }

    private final Options options;
    private final BenchStations stations;
    private final StringBuilder report = new StringBuilder();

    private DetectionBenchmark(Options options) {
        this.options = options;
        this.stations = new BenchStations("DET", options.stations());
    }

    public static void main(String[] args) throws Exception {
        new DetectionBenchmark(Options.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Options o = options;
        recreate(o.dir(), "detection");
        line("## Detection latency: reading POSTed to alert-ingest → station alert on aq.station-alerts.v1 — run of "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        line("");
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; load average at start " + ProcCpu.loadAverage());
        line("- in this JVM (" + jvmArgs() + "): alert-ingest, forecast-consult, the load generator and the alert "
                + "consumer; broker: " + IngestBenchmark.BROKER_SETTINGS + "; embedded PostgreSQL (zonky)");
        line("- options: " + o);
        line("- readings from " + o.hoursBack() + " hours back; forecast-consult arguments: " + o.consultArgs());

        int[] ports = freePorts(2);
        String secret = HmacTokens.newSecret();
        HmacTokens tokens = new HmacTokens(secret, null);
        try (LocalBroker broker = new LocalBroker(o.dir().resolve("kafka"), ports[0], ports[1]).start();
             EmbeddedPostgres postgres = BenchPostgres.start(o.postgres(), o.dir().resolve("postgres.log"));
             ConfigurableApplicationContext ingest = start(IngestApplication.class, IngestApplication.NAME,
                     broker.bootstrap(), postgres.getJdbcUrl("postgres", "postgres"), secret,
                     List.of("--lantian.ingest.hj212.enabled=false"));
             ConfigurableApplicationContext consult = start(ConsultApplication.class, ConsultApplication.NAME,
                     broker.bootstrap(), postgres.getJdbcUrl("postgres", "postgres"), secret, o.consultArgs())) {
            String ingestUrl = "http://127.0.0.1:" + ingest.getEnvironment().getProperty("local.server.port");
            importStations(ingestUrl, tokens.token("bench", "admin"), postgres.getPostgresDatabase());
            if (BenchPostgres.tracksStatements(o.postgres())) {
                BenchPostgres.resetStatements(postgres.getPostgresDatabase());
            }
            measure(broker.bootstrap(), ingestUrl + "/api/v1/readings", tokens.token("bench", "ingest"));
            diagnose(consult, postgres.getPostgresDatabase());
        } finally {
            Files.writeString(o.dir().resolve("report.md"), report);
            delete(o.dir().resolve("kafka").resolve("logs"));
        }
    }

    private static ConfigurableApplicationContext start(Class<?> application, String name, String bootstrap,
                                                        String jdbcUrl, String secret, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--lantian.security.hmac-secret=" + secret,
                "--logging.include-application-name=false",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--logging.level.io.lantian=WARN",
                "--spring.main.banner-mode=off"));
        args.addAll(extra);
        return ServiceApplication.builder(application, name).run(args.toArray(String[]::new));
    }

    private String stationId(int s) {
        return stations.id(s);
    }

    private void importStations(String ingestUrl, String adminToken, DataSource db) throws Exception {
        stations.importInto(ingestUrl, adminToken);
        BenchSupport.awaitSetUp(120, () -> count(db, "select count(*) from consult.alert_station") >= options.stations()
                        && count(db, "select count(*) from consult.region_station") >= options.stations(),
                "forecast-consult did not learn the stations within 120 s");
        line("- stations: " + stations.describe() + ", imported through the admin API "
                + "and known to forecast-consult before the load starts");
    }

    private static long count(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- the load ----

    /** A trigger reading: when its POST was due (nanoTime), whether inside the measured window, which POST. */
    record Trigger(long dueNanos, boolean measured, long post) {
    }

    /**
     * A RAISED alert as the watcher saw it (all nanoTime): {@code written} is its event's {@code ce_time}, the start
     * of forecast-consult's transaction that wrote it to the outbox; {@code sent} its record's timestamp, when the
     * relay handed it to the producer (ms); {@code arrived} when the watcher's poll returned it.
     */
    record Detection(long written, long sent, long arrived) {
    }

    private final Map<String, Trigger> triggers = new ConcurrentHashMap<>();
    private final Map<String, Detection> detected = new ConcurrentHashMap<>();
    /** When the POSTs that carry a trigger were answered (nanoTime), by POST number. */
    private final Map<Long, Long> answered = new ConcurrentHashMap<>();
    /** Wall clock − nanoTime, to put the events' wall-clock times on the benchmark's nanoTime axis. */
    private final long clockOffset = ChronoUnit.NANOS.between(Instant.EPOCH, Instant.now()) - System.nanoTime();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong acceptedInWindow = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Failed POSTs by status code or exception, for the report. */
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Long> postMicros = java.util.Collections.synchronizedList(new ArrayList<>());

    private void measure(String bootstrap, String url, String token) throws Exception {
        Options o = options;
        AlertWatcher watcher = new AlertWatcher(bootstrap);
        Thread watcherThread = new Thread(watcher, "alert-watcher");
        watcherThread.start();
        watcher.ready.await();

        int perRound = o.stations() * POLLUTANTS.size();
        Instant firstHour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(o.hoursBack()));
        long intervalNanos = Math.round(o.batch() / o.rate() * 1e9);
        long batches = Math.round((o.warmupSeconds() + o.seconds()) * o.rate() / o.batch());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        // Blocking sends on a pool of their own: HttpClient#sendAsync hands every answer to CompletableFuture's
        // default executor, which on a machine of two cores or fewer starts a thread per call (24 000 in a run,
        // measured with JFR), work that would share the cores with the services measured
        AtomicInteger posterThreads = new AtomicInteger();
        ExecutorService posters = Executors.newFixedThreadPool(POSTERS, r -> {
            Thread thread = new Thread(r, "poster-" + posterThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long windowStart = start + (long) (o.warmupSeconds() * 1e9);
        long windowEnd = windowStart + (long) (o.seconds() * 1e9);
        line("- load: open loop, " + o.batch() + " readings per POST every " + intervalNanos / 1e6 + " ms (offered "
                + perSecond(o.rate()) + " readings/s), " + o.warmupSeconds() + " s warm-up then " + o.seconds()
                + " s measured; one hourly round = " + perRound + " readings; trigger: PM2.5 200 µg/m³ for one station in "
                + o.every() + " per round (" + String.format(Locale.ROOT, "%.2f", 100.0 / o.every() / POLLUTANTS.size())
                + " % of readings); at most " + MAX_IN_FLIGHT + " POSTs in flight (beyond that a batch is counted as not sent)");
        progress("load starts: " + batches + " POSTs of " + o.batch());

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicLong next = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            // catch up on every batch that is due: a late tick sends what was due, not fewer
            while (true) {
                long k = next.get();
                if (k >= batches) {
                    done.set(true);
                    return;
                }
                long due = start + k * intervalNanos;
                if (due > now) {
                    return;
                }
                next.incrementAndGet();
                send(client, posters, url, token, k, due, firstHour, perRound, windowStart, windowEnd);
            }
        }, start - System.nanoTime(), Math.max(1, intervalNanos / 2), TimeUnit.NANOSECONDS);
        long brokerPid = BenchSupport.brokerPid();
        ProcCpu.Sample atStart = null;
        ProcCpu.Sample atEnd = null;
        while (!done.get()) {
            Thread.sleep(100);
            long now = System.nanoTime();
            if (atStart == null && now >= windowStart) {
                atStart = ProcCpu.sample(brokerPid);
            }
            if (atEnd == null && now >= windowEnd) {
                atEnd = ProcCpu.sample(brokerPid);
            }
        }
        if (atEnd == null) {
            atEnd = ProcCpu.sample(brokerPid);
        }
        ticker.shutdown();
        ProcCpu.Sample windowCores = atStart == null ? null : atEnd.minus(atStart);
        long sendEnd = System.nanoTime();
        long measuredTriggers = triggers.values().stream().filter(Trigger::measured).count();
        long drainDeadline = sendEnd + (long) (o.drainSeconds() * 1e9);
        while (System.nanoTime() < drainDeadline && (inFlight.get() > 0 || measuredDetected() < measuredTriggers)) {
            Thread.sleep(100);
        }
        long drained = System.nanoTime();
        posters.shutdown();
        watcher.stop.set(true);
        watcherThread.join();
        summarize(measuredTriggers, windowStart, windowEnd, (drained - sendEnd) / 1e9, watcher.events.get(), windowCores);
    }

    private long measuredDetected() {
        return triggers.entrySet().stream().filter(e -> e.getValue().measured() && detected.containsKey(e.getKey())).count();
    }

    private void send(HttpClient client, ExecutorService posters, String url, String token, long k, long due,
                      Instant firstHour, int perRound, long windowStart, long windowEnd) {
        Options o = options;
        boolean measured = due >= windowStart && due < windowEnd;
        if (inFlight.get() >= MAX_IN_FLIGHT) {
            skipped.addAndGet(o.batch());
            return;
        }
        boolean carriesTrigger = false;
        StringBuilder json = new StringBuilder(o.batch() * 130).append("{\"readings\":[");
        for (int j = 0; j < o.batch(); j++) {
            long i = k * o.batch() + j;
            int round = (int) (i / perRound);
            int pair = (int) (i % perRound);
            int s = pair % o.stations();
            String pollutant = POLLUTANTS.get(pair / o.stations());
            Instant hour = firstHour.plus(Duration.ofHours(round));
            boolean trigger = pollutant.equals("PM2_5") && (s + round) % o.every() == 0;
            String value = switch (pollutant) {
                case "PM2_5" -> trigger ? "200" : Integer.toString(40 + s % 5);
                case "PM10" -> "70";
                case "SO2" -> "10";
                case "NO2" -> "30";
                case "CO" -> "0.8";
                default -> "60";
            };
            if (trigger) {
                triggers.put(stationId(s) + "|" + hour, new Trigger(due, measured, k));
                carriesTrigger = true;
            }
            if (j > 0) {
                json.append(',');
            }
            json.append("{\"stationId\":\"").append(stationId(s)).append("\",\"pollutant\":\"").append(pollutant)
                    .append("\",\"value\":").append(value).append(",\"unit\":\"")
                    .append(pollutant.equals("CO") ? "mg/m³" : "µg/m³").append("\",\"periodEnd\":\"").append(hour)
                    .append("\",\"averaging\":\"PT1H\"}");
        }
        json.append("]}");
        inFlight.incrementAndGet();
        long sentAt = System.nanoTime();
        boolean noteAnswer = carriesTrigger;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json.toString())).build();
        BiConsumer<HttpResponse<String>, Throwable> answer = (response, error) -> {
            inFlight.decrementAndGet();
            if (error != null || response.statusCode() / 100 != 2) {
                failed.addAndGet(o.batch());
                String reason = error != null ? error.getClass().getSimpleName() + ": " + error.getMessage()
                        : "HTTP " + response.statusCode() + ": " + response.body().substring(0, Math.min(200, response.body().length()));
                failures.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
                return;
            }
            long now = System.nanoTime();
            if (noteAnswer) {
                answered.put(k, now);
            }
            postMicros.add((now - sentAt) / 1000);
            JsonNode body = EventJson.mapper().readTree(response.body());
            int ok = body.get("accepted").asInt();
            accepted.addAndGet(ok);
            rejected.addAndGet(body.get("rejected").asInt());
            if (measured) {
                acceptedInWindow.addAndGet(ok);
            }
        };
        posters.execute(() -> {
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.accept(null, e);
                return;
            } catch (IOException | RuntimeException e) {
                answer.accept(null, e);
                return;
            }
            answer.accept(response, null);
        });
    }

    /** Reads aq.station-alerts.v1 from its end as the load starts; notes when each RAISED alert arrived. */
    private final class AlertWatcher implements Runnable {

        final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong events = new AtomicLong();
        private final String bootstrap;

        AlertWatcher(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        @Override
        public void run() {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                    "enable.auto.commit", "false"), new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < Topics.STATION_ALERTS.partitions(); p++) {
                    partitions.add(new TopicPartition(Topics.STATION_ALERTS.name(), p));
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                ready.countDown();
                while (!stop.get()) {
                    var records = consumer.poll(Duration.ofMillis(50));
                    long arrived = System.nanoTime();
                    for (ConsumerRecord<String, String> record : records) {
                        events.incrementAndGet();
                        JsonNode alert = EventJson.mapper().readTree(record.value());
                        if (alert.get("status").asString().equals("RAISED") && alert.get("rule").asString().equals("THRESHOLD")) {
                            Header time = record.headers().lastHeader(EventHeaders.TIME);
                            long written = time == null ? Long.MIN_VALUE : ChronoUnit.NANOS.between(Instant.EPOCH,
                                    Instant.parse(new String(time.value(), StandardCharsets.UTF_8))) - clockOffset;
                            long sent = record.timestamp() * 1_000_000 - clockOffset;
                            detected.putIfAbsent(alert.get("stationId").asString() + "|" + alert.get("hourEnd").asString(),
                                    new Detection(written, sent, arrived));
                        }
                    }
                }
            } finally {
                ready.countDown();
            }
        }
    }

    // ---- the report ----

    /** @param windowCores CPU over the measured window; null if the window was not sampled */
    private void summarize(long measuredTriggers, long windowStart, long windowEnd, double drainSeconds, long events,
                           ProcCpu.Sample windowCores) {
        Options o = options;
        long[] all = latencies(windowStart, windowEnd);
        long mid = windowStart + (windowEnd - windowStart) / 2;
        long[] first = latencies(windowStart, mid);
        long[] second = latencies(mid, windowEnd);
        long[] posts = postMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        double achieved = acceptedInWindow.get() / o.seconds();
        line("");
        line("| offered readings/s | accepted readings/s (measured window) | rejected / failed / not sent (whole run) "
                + "| POST p50 / p99 ms | alerts expected / detected | detection p50 / p95 / p99 / max ms "
                + "| p50 / p99 first half | p50 / p99 second half | drain after the last POST |");
        line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        line(String.format(Locale.ROOT, "| %s | %s | %d / %d / %d | %.1f / %.1f | %d / %d | %d / %d / %d / %d | %d / %d | %d / %d | %.1f s |",
                perSecond(o.rate()), perSecond(achieved), rejected.get(), failed.get(), skipped.get(),
                Stats.percentile(posts, 50) / 1000.0, Stats.percentile(posts, 99) / 1000.0, measuredTriggers, all.length,
                Stats.percentile(all, 50), Stats.percentile(all, 95), Stats.percentile(all, 99),
                all.length == 0 ? 0 : all[all.length - 1], Stats.percentile(first, 50), Stats.percentile(first, 99),
                Stats.percentile(second, 50), Stats.percentile(second, 99), drainSeconds));
        failures.forEach((reason, count) -> line("- failed POSTs: " + count.get() + " × " + reason));
        line("");
        if (all.length == 0) {
            line(String.format(Locale.ROOT, "**Result: none of the %d alerts due in the measured window arrived within "
                            + "%.0f s after the last POST, at %s readings/s offered and %s accepted (target p99 ≤ 100 ms at "
                            + "5 000/s: NOT met)**; %d alert events seen in all (warm-up and RESOLVED included); load average "
                            + "at the end %s.", measuredTriggers, drainSeconds, perSecond(o.rate()), perSecond(achieved), events,
                    ProcCpu.loadAverage()));
            return;
        }
        line(String.format(Locale.ROOT, "**Result: detection p50 %d ms, p99 %d ms of %d detected (of %d due) at %s "
                        + "readings/s offered, %s accepted (target p99 ≤ 100 ms at 5 000/s: %s)**; %d alert events seen in "
                        + "all (RESOLVED included); load average at the end %s.",
                Stats.percentile(all, 50), Stats.percentile(all, 99), all.length, measuredTriggers, perSecond(o.rate()),
                perSecond(achieved), all.length == measuredTriggers && Stats.percentile(all, 99) <= 100 && o.rate() >= 5000
                        && achieved >= 0.99 * o.rate() ? "met" : "NOT met", events, ProcCpu.loadAverage()));
        if (windowCores != null) {
            double w = windowCores.wallSeconds();
            line("");
            line(String.format(Locale.ROOT, "Cores busy during the measured window: machine %.2f, this JVM (ingest, "
                            + "forecast-consult, load generator, alert consumer) %.2f, broker %.2f; the rest (PostgreSQL, "
                            + "others on the machine) %.2f.", windowCores.machineBusy() / w, windowCores.self() / w,
                    windowCores.broker() / w, (windowCores.machineBusy() - windowCores.self() - windowCores.broker()) / w));
        }
        // whether the tail is spread over the window or bunched in a few seconds (a pause, a checkpoint, a burst)
        line("");
        line("By 10-s slice of the measured window (by when the reading was due):");
        line("");
        line("| slice (s) | alerts | p50 / p95 / max ms |");
        line("| --- | ---: | ---: |");
        long slice = 10_000_000_000L;
        for (long from = windowStart; from < windowEnd; from += slice) {
            long[] l = latencies(from, Math.min(from + slice, windowEnd));
            long s0 = (from - windowStart) / 1_000_000_000L;
            line(String.format(Locale.ROOT, "| %d–%d | %d | %d / %d / %d |", s0, s0 + 10, l.length, Stats.percentile(l, 50),
                    Stats.percentile(l, 95), l.length == 0 ? 0 : l[l.length - 1]));
        }
        List<Stages> stages = stages(windowStart, windowEnd);
        line("");
        line("Where the time went, per alert of the measured window (the events' wall-clock times on this JVM's clock; the "
                + "record timestamp has millisecond precision):");
        line("");
        StageTable.rows(List.of("due → POST answered (ingest, the broker's ack)",
                "answered → the alert's transaction began (the reading to forecast-consult, the consumer's queue)",
                "transaction began → the relay sent the event (the transaction, its commit, the outbox relay)",
                "sent → the watcher's poll returned it (broker, fetch)"),
                stages.stream().map(Stages::micros).toList()).forEach(this::line);
        // when the slowest were due, to set beside the server's logs (postgres.log, the broker's server.log)
        line("");
        line("The slowest alerts (due, UTC: stages in ms as above):");
        line("");
        stages.stream()
                .sorted(Comparator.comparingLong((Stages st) -> Arrays.stream(st.micros()).sum()).reversed())
                .limit(10)
                .forEach(st -> line(String.format(Locale.ROOT, "- %s: %s", Instant.EPOCH.plusNanos(st.due() + clockOffset),
                        Arrays.stream(st.micros()).mapToObj(us -> String.format(Locale.ROOT, "%.0f", us / 1000.0))
                                .collect(Collectors.joining(" + ")))));
    }

    /** One measured detection: when it was due (nanoTime) and its time per stage (µs). */
    record Stages(long due, long[] micros) {
    }

    /** Each measured detection's time per stage, when all its moments are known. */
    private List<Stages> stages(long from, long to) {
        List<Stages> stages = new ArrayList<>();
        triggers.forEach((key, trigger) -> {
            Detection d = detected.get(key);
            Long answer = answered.get(trigger.post());
            if (trigger.dueNanos() >= from && trigger.dueNanos() < to && d != null && answer != null && d.written() != Long.MIN_VALUE) {
                stages.add(new Stages(trigger.dueNanos(), new long[]{(answer - trigger.dueNanos()) / 1000,
                        (d.written() - answer) / 1000, (d.sent() - d.written()) / 1000, (d.arrived() - d.sent()) / 1000}));
            }
        });
        return stages;
    }

    /** Where the time went: how far each consumer of forecast-consult got, and its lag when it took records up. */
    private void diagnose(ConfigurableApplicationContext consult, DataSource db) throws Exception {
        io.micrometer.core.instrument.MeterRegistry meters = consult.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        line("");
        line("forecast-consult after the drain (whole run, warm-up included):");
        line("");
        line("| consumer | hourly values stored | processing lag mean / max s (record timestamp → taken up) |");
        line("| --- | ---: | ---: |");
        for (String[] c : new String[][]{{"station-alerts", "select count(*) from consult.alert_hourly_value"},
                {"region-aqi", "select count(*) from consult.station_reading"}}) {
            io.micrometer.core.instrument.Timer lag = meters.find("lantian.consult.processing.lag").tag("consumer", c[0]).timer();
            line(String.format(Locale.ROOT, "| %s | %d of %d accepted | %.2f / %.2f |", c[0], count(db, c[1]), accepted.get(),
                    lag == null ? Double.NaN : lag.mean(TimeUnit.SECONDS), lag == null ? Double.NaN : lag.max(TimeUnit.SECONDS)));
        }
        line("");
        // the consumers, the relay and the region workers share one pool: time spent waiting for a connection
        io.micrometer.core.instrument.Timer acquire = meters.find("hikaricp.connections.acquire").timer();
        if (acquire != null) {
            line(String.format(Locale.ROOT, "- forecast-consult's connection pool (%d connections): %d connections taken, "
                            + "waiting %.2f ms on average for one, at most %.1f ms (in the last minutes)",
                    consult.getBean(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize(), acquire.count(),
                    acquire.mean(TimeUnit.MILLISECONDS), acquire.max(TimeUnit.MILLISECONDS)));
        }
        line("- outbox rows: " + count(db, "select count(*) from consult.outbox") + " written, "
                + count(db, "select count(*) from consult.outbox where published_at is null") + " still unpublished");
        line("- region AQI: " + count(db, "select count(*) from consult.outbox where topic = 'aq.region-aqi.v1'")
                + " area-hour events published, " + count(db, "select count(*) from consult.region_aqi_due")
                + " district-hour rows still queued; region-median judgements: "
                + count(db, "select count(*) from consult.alert_region_due") + " rows still queued");
        try (var connection = db.getConnection(); var statement = connection.createStatement();
             var rs = statement.executeQuery("select num_timed, num_requested, write_time, sync_time from pg_stat_checkpointer")) {
            rs.next();
            line(String.format(Locale.ROOT, "- PostgreSQL checkpoints during the whole run: %d timed, %d requested (WAL full); "
                            + "writing %.1f s, syncing %.1f s", rs.getLong(1), rs.getLong(2), rs.getDouble(3) / 1000, rs.getDouble(4) / 1000));
        }
        try (var connection = db.getConnection(); var statement = connection.createStatement();
             var rs = statement.executeQuery("select wal_records, wal_fpi, wal_bytes, wal_buffers_full, wal_write, wal_write_time, wal_sync, wal_sync_time from pg_stat_wal")) {
            rs.next();
            // full-page images: the first change of a page after a checkpoint starts writes the whole page to the WAL
            line(String.format(Locale.ROOT, "- PostgreSQL's WAL during the whole run: %d records, %d full-page images, %.0f MB; "
                            + "%d times a backend wrote because the WAL buffers were full; %d writes and %d flushes to disk%s",
                    rs.getLong(1), rs.getLong(2), rs.getDouble(3) / 1e6, rs.getLong(4), rs.getLong(5), rs.getLong(7),
                    "on".equals(options.postgres().get("track_wal_io_timing"))
                            ? String.format(Locale.ROOT, ", taking %.1f s and %.1f s", rs.getDouble(6) / 1000, rs.getDouble(8) / 1000)
                            : ""));
        }
        if (BenchPostgres.tracksStatements(options.postgres())) {
            line("");
            line("PostgreSQL's statements from the start of the load to the end of the drain (warm-up included), by execution "
                    + "time (pg_stat_statements):");
            line("");
            BenchPostgres.topStatements(db, 20, accepted.get(), "reading").forEach(this::line);
        }
    }

    /** Detection latencies (ms) of the triggers due in [from, to) that were detected, sorted. */
    private long[] latencies(long from, long to) {
        long[] values = triggers.entrySet().stream()
                .filter(e -> e.getValue().dueNanos() >= from && e.getValue().dueNanos() < to && detected.containsKey(e.getKey()))
                .mapToLong(e -> (detected.get(e.getKey()).arrived() - e.getValue().dueNanos()) / 1_000_000).toArray();
        Arrays.sort(values);
        return values;
    }

    static String perSecond(double value) {
        return String.format(Locale.ROOT, "%,.0f", value).replace(',', ' ');
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }
}
