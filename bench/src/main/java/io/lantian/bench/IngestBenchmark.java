package io.lantian.bench;

import static io.lantian.bench.BenchSupport.cpuModel;
import static io.lantian.bench.BenchSupport.delete;
import static io.lantian.bench.BenchSupport.freePorts;
import static io.lantian.bench.BenchSupport.jvmArgs;
import static io.lantian.bench.BenchSupport.progress;
import static io.lantian.bench.BenchSupport.recreate;

import io.lantian.common.topics.Topics;
import io.lantian.ingest.IngestApplication;
import io.lantian.ingest.station.StationRegistry;
import io.lantian.localstack.LocalBroker;
import io.lantian.platform.ServiceApplication;
import io.lantian.platform.security.HmacTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ProducerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Ingest benchmark: readings/s accepted through {@code POST /api/v1/readings} (batches of 500, {@code acks=all})
 * ÷ raw producer throughput (kafka-tools {@code ProducerPerformance}) on the same broker, with the same record
 * size, the same partition count and the same producer settings, measured in the same run. Target ≥ 0.5.
 *
 * <p>One process starts a loopback KRaft broker ({@link LocalBroker}), an embedded PostgreSQL and alert-ingest
 * (the {@code local} profile), and registers {@code stations} bench stations through the admin import
 * ({@link BenchStations}): the readings come from them, so their keys (the station id) spread over the partitions
 * as a real platform's thousands of stations would; the 13 demo stations hash so unevenly that one of the 6
 * partitions got a third of the readings. Both clients run as child JVMs with this class path:
 * {@code ProducerPerformance} and {@link ReadingLoad}. Order: broker warm-up, service warm-up, record size
 * measured on {@code aq.readings.v1}, then {@code runs} pairs (baseline and ingest, alternating which goes
 * first). The report (stdout, and {@code report.md} in the data directory) gives every run, the medians and
 * the ratio of the medians.
 *
 * <p>Run with {@code bench/run-ingest.sh [--runs 3] [--senders 8] [--seconds 20] …}; never part of {@code verify}.
 */
public final class IngestBenchmark {

    /** Producer settings that decide throughput, copied from the service's producer to the baseline's. */
    static final List<String> PRODUCER_KEYS = List.of("acks", "enable.idempotence", "linger.ms", "batch.size",
            "compression.type", "max.in.flight.requests.per.connection", "buffer.memory", "max.request.size");
    static final String BROKER_SETTINGS = "KRaft, one node (broker + controller), 127.0.0.1 only, replication 1, "
            + "log on local disk; broker JVM -Xms256m -Xmx768m -XX:+UseSerialGC (as LocalBroker starts it)";
    static final String CLIENT_JVM = "-Xms256m -Xmx512m -XX:+UseG1GC";

    record Options(int runs, int senders, int batch, int stations, double warmupSeconds, double seconds, double serviceWarmupSeconds,
                   double baselineSeconds, long brokerWarmupRecords, double target, Path dir) {

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("usage: [--runs 3] [--senders 8] [--batch 500] [--stations 600] [--warmup 5] "
                            + "[--seconds 20] [--service-warmup 20] [--baseline-seconds 20] [--broker-warmup-records 500000] "
                            + "[--target 0.5] [--dir bench/target/ingest]");
                }
                given.put(args[i].substring(2), args[++i]);
            }
            Options o = new Options(Integer.parseInt(given.getOrDefault("runs", "3")),
                    Integer.parseInt(given.getOrDefault("senders", "8")),
                    Integer.parseInt(given.getOrDefault("batch", "500")),
                    Integer.parseInt(given.getOrDefault("stations", "600")),
                    Double.parseDouble(given.getOrDefault("warmup", "5")),
                    Double.parseDouble(given.getOrDefault("seconds", "20")),
                    Double.parseDouble(given.getOrDefault("service-warmup", "20")),
                    Double.parseDouble(given.getOrDefault("baseline-seconds", "20")),
                    Long.parseLong(given.getOrDefault("broker-warmup-records", "500000")),
                    Double.parseDouble(given.getOrDefault("target", "0.5")),
                    Path.of(given.getOrDefault("dir", "bench/target/ingest")).toAbsolutePath());
            List<String> known = List.of("runs", "senders", "batch", "stations", "warmup", "seconds", "service-warmup",
                    "baseline-seconds", "broker-warmup-records", "target", "dir");
            given.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException("unknown option --" + k + "; known: " + known);
            });
            return o;
        }
    }

    record BaselineRun(int run, String topic, PerfSummary summary, Cpu cpu) {
    }

    record IngestRun(int run, ReadingLoad.Result result, Cpu cpu) {
    }

    /** Where the cores went during one measurement, in cores (CPU seconds ÷ wall seconds). */
    record Cpu(double wallSeconds, double machine, double service, double client, double broker, double postgres) {

        /** The cores of what is being measured: broker, client, service, PostgreSQL. */
        double ours() {
            return service + client + broker + postgres;
        }

        double others() {
            return machine - ours();
        }

        String row(double recordsPerSecond) {
            return String.format(Locale.ROOT, "%.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s", machine, service,
                    client, broker, postgres, others(), ours(), perSecond(recordsPerSecond / ours()));
        }

        static Cpu of(ProcCpu.Sample d, double clientCpuSeconds) {
            double wall = d.wallSeconds();
            return new Cpu(wall, d.machineBusy() / wall, d.self() / wall, clientCpuSeconds / wall, d.broker() / wall,
                    d.postgres() / wall);
        }
    }

    private final Options options;
    private final StringBuilder report = new StringBuilder();
    private final List<String> javaCommand;

    private IngestBenchmark(Options options) {
        this.options = options;
        this.javaCommand = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public static void main(String[] args) throws Exception {
        new IngestBenchmark(Options.parse(args)).run();
    }

    private void run() throws Exception {
        Options o = options;
        recreate(o.dir(), "ingest");
        Instant started = Instant.now();
        line("## Ingest HTTP throughput vs raw producer — run of " + started.truncatedTo(ChronoUnit.SECONDS));
        line("");
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; load average at start " + ProcCpu.loadAverage());
        line("- shared: the broker, PostgreSQL, alert-ingest (this JVM, " + jvmArgs() + ") and the client JVM all run on "
                + "these cores, next to whatever else runs on the machine (column \"others\" below)");
        line("- broker: " + BROKER_SETTINGS);
        line("- options: " + o);

        int[] ports = freePorts(2);
        String secret = HmacTokens.newSecret();
        try (LocalBroker broker = new LocalBroker(o.dir().resolve("kafka"), ports[0], ports[1]).start();
             EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             ConfigurableApplicationContext ingest = startIngest(broker.bootstrap(),
                     postgres.getJdbcUrl("postgres", "postgres"), secret)) {
            HmacTokens tokens = new HmacTokens(secret, null);
            registerStations(ingest, tokens.token("bench", "admin"));
            measure(broker, ingest, tokens.token("bench", "ingest"));
        } finally {
            Files.writeString(o.dir().resolve("report.md"), report);
            // gigabytes of benchmark records: keep the report and the tools' output, not the broker's log
            delete(o.dir().resolve("kafka").resolve("logs"));
        }
    }

    private ConfigurableApplicationContext startIngest(String bootstrap, String jdbcUrl, String secret) {
        // the arguments Services (local-stack) passes; alert-ingest only: forecast-consult and response-dispatch
        // would consume aq.readings.v1 on the same two cores, which a production deployment does elsewhere
        return ServiceApplication.builder(IngestApplication.class, IngestApplication.NAME)
                .profiles("local")
                .run("--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + bootstrap,
                        "--lantian.security.hmac-secret=" + secret,
                        "--logging.include-application-name=false",
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        // the local profile logs io.lantian at DEBUG; nothing on the reading path logs per request,
                        // but keep the benchmark's output readable
                        "--logging.level.io.lantian=INFO",
                        "--spring.main.banner-mode=off",
                        // not on the measured path, and its fixed port would clash with a running local stack
                        "--lantian.ingest.hj212.enabled=false");
    }

    /** The bench stations the readings come from ({@code ING-0000} …). */
    static BenchStations stations(int count) {
        return new BenchStations("ING", count);
    }

    private void registerStations(ConfigurableApplicationContext ingest, String adminToken) throws Exception {
        BenchStations stations = stations(options.stations());
        stations.importInto("http://127.0.0.1:" + ingest.getEnvironment().getProperty("local.server.port"), adminToken);
        StationRegistry registry = ingest.getBean(StationRegistry.class);
        BenchSupport.awaitSetUp(60, () -> stations.pairs().stream().allMatch(p -> registry.find(p.stationId()).isPresent()),
                "the station registry does not hold the imported stations within 60 s");
        line("- stations: the readings come from " + stations.describe() + ", imported through the admin API and in "
                + "the registry before the load starts (the local profile's 13 demo stations are registered too, unused)");
    }

    private void measure(LocalBroker broker, ConfigurableApplicationContext ingest, String token) throws Exception {
        Options o = options;
        String bootstrap = broker.bootstrap();
        long brokerPid = BenchSupport.brokerPid();
        int port = Integer.parseInt(ingest.getEnvironment().getProperty("local.server.port", "-1"));
        String url = "http://127.0.0.1:" + port + "/api/v1/readings";
        Map<String, String> producer = producerSettings(ingest);
        line("- alert-ingest producer (read from the running service): " + producer);
        int partitions = Topics.READINGS.partitions();
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);

        // 1. warm up the broker (the first ProducerPerformance run on a fresh broker is a cold JIT)
        createTopic(bootstrap, "bench.warmup", partitions);
        PerfSummary brokerWarmup = producerPerformance(bootstrap, "bench.warmup", o.brokerWarmupRecords(), 200,
                producer, "warmup").summary();
        line("- broker warm-up: ProducerPerformance, 200-byte records: " + brokerWarmup);

        // 2. warm up the service (and fill aq.readings.v1 with real records to measure)
        long nextReading = 0;
        IngestRun serviceWarmup = readingLoad(url, token, o.serviceWarmupSeconds(), 5, nextReading, base, 0, brokerPid);
        nextReading += serviceWarmup.result().readingsSent();
        line("- service warm-up: " + o.serviceWarmupSeconds() + " s + 5 s measured: "
                + perSecond(serviceWarmup.result().readingsPerSecond()) + " readings/s, "
                + serviceWarmup.result().rejected() + " rejected");

        // 3. the record size the baseline uses: the mean serialized ReadingAccepted value on aq.readings.v1
        RecordSizes sizes = recordSizes(bootstrap, Topics.READINGS.name());
        int recordSize = (int) Math.round(sizes.value());
        line(String.format(Locale.ROOT, "- record size: %d bytes = mean value of %d records on %s (key %.1f bytes and "
                        + "%d CloudEvents headers of %.1f bytes per record come on top in the service; the baseline "
                        + "sends neither: no key, no headers)", recordSize, sizes.records(), Topics.READINGS.name(),
                sizes.key(), sizes.headerCount(), sizes.headers()));
        line("- baseline: ProducerPerformance, fresh topic of " + partitions + " partitions per run, --throughput -1, "
                + "--record-size " + recordSize + ", producer settings as the service's above; client JVM " + CLIENT_JVM);
        line("- ingest: " + o.senders() + " senders (one JVM, " + CLIENT_JVM + ", each a plain socket with HTTP/1.1 keep-alive, bodies from a byte "
                + "template, each 202's accepted count checked against the batch), "
                + o.batch() + " readings per POST, " + o.warmupSeconds() + " s client warm-up then " + o.seconds() + " s measured");

        // 4. the runs, alternating which side goes first
        List<BaselineRun> baselines = new ArrayList<>();
        List<IngestRun> ingests = new ArrayList<>();
        double lastRate = brokerWarmup.recordsPerSec();
        for (int run = 1; run <= o.runs(); run++) {
            for (int side = 0; side < 2; side++) {
                boolean baselineNow = (side == 0) == (run % 2 == 1);
                if (baselineNow) {
                    long records = Math.max(200_000, Math.min(20_000_000, Math.round(lastRate * o.baselineSeconds())));
                    String topic = "bench.baseline." + run;
                    createTopic(bootstrap, topic, partitions);
                    ProcCpu.Sample before = ProcCpu.sample(brokerPid);
                    PerfResult perf = producerPerformance(bootstrap, topic, records, recordSize, producer, "run" + run);
                    ProcCpu.Sample delta = ProcCpu.sample(brokerPid).minus(before);
                    // the tool's CPU: it is reaped in between, so it is in this process's children time
                    BaselineRun b = new BaselineRun(run, topic, perf.summary(), Cpu.of(delta, delta.reapedChildren()));
                    baselines.add(b);
                    lastRate = perf.summary().recordsPerSec();
                    line("- run " + run + " baseline, ProducerPerformance's producer at its end: " + perf.metrics());
                    progress("run " + run + " baseline: " + perf.summary());
                } else {
                    IngestRun in = readingLoad(url, token, o.warmupSeconds(), o.seconds(), nextReading, base, run, brokerPid);
                    nextReading += in.result().readingsSent();
                    ingests.add(in);
                    line("- run " + run + " ingest, the service's producer right after it: " + producerMetrics(ingest));
                    progress("run " + run + " ingest: " + perSecond(in.result().readingsPerSecond()) + " readings/s, p50 "
                            + in.result().p50Ms() + " ms, p99 " + in.result().p99Ms() + " ms, errors " + in.result().errors());
                }
            }
        }
        ReadingBatches keys = new ReadingBatches(stations(o.stations()).pairs(), base, Duration.ofDays(29));
        if (nextReading > keys.capacity()) {
            line("- note: " + nextReading + " readings sent, more than the " + keys.capacity()
                    + " distinct natural keys: later ones repeat keys (valid, duplicates downstream)");
        }
        summarize(baselines, ingests, recordSize);
        partitionSpread(bootstrap, stations(o.stations()));
    }

    /**
     * How the readings spread over the partitions of {@code aq.readings.v1}: the topic's end offsets (every record
     * the service wrote in this run, warm-up included), next to the share the producer's partitioner gives the
     * stations' keys (each station sends the same number of readings). The producer's per-partition lock and the
     * broker's per-partition append serialise on the largest share.
     */
    private void partitionSpread(String bootstrap, BenchStations stations) {
        int partitions = Topics.READINGS.partitions();
        long[] stationsPer = new long[partitions];
        for (int s = 0; s < stations.count(); s++) {
            stationsPer[BuiltInPartitioner.partitionForKey(stations.id(s).getBytes(StandardCharsets.UTF_8), partitions)]++;
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(Topics.READINGS.name(), p));
            }
            ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
        }
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        line("");
        line("Spread of the readings over the " + partitions + " partitions of " + Topics.READINGS.name() + " (key: the station id):");
        line("");
        line("| partition | records (end offset) | share | stations (producer's partitioner) | share |");
        line("| ---: | ---: | ---: | ---: | ---: |");
        for (int p = 0; p < partitions; p++) {
            long records = ends.get(new TopicPartition(Topics.READINGS.name(), p));
            line(String.format(Locale.ROOT, "| %d | %,d | %.1f %% | %d | %.1f %% |", p, records, 100.0 * records / total,
                    stationsPer[p], 100.0 * stationsPer[p] / stations.count()));
        }
    }

    private void summarize(List<BaselineRun> baselines, List<IngestRun> ingests, int recordSize) {
        line("| run | baseline rec/s | baseline MB/s | baseline p50 / p99 ms | ingest readings/s | ingest p50 / p99 / max ms "
                + "| requests | rejected | errors (429 / 503 / other / I/O / short count) | ratio |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        for (int i = 0; i < baselines.size(); i++) {
            PerfSummary b = baselines.get(i).summary();
            ReadingLoad.Result r = ingests.get(i).result();
            long s429 = r.errorsByStatus().getOrDefault(429, 0L);
            long s503 = r.errorsByStatus().getOrDefault(503, 0L);
            long other = r.errors() - s429 - s503 - r.ioErrors() - r.mismatched();
            line(String.format(Locale.ROOT, "| %d | %s | %.2f | %d / %d | %s | %d / %d / %d | %d | %d | %d / %d / %d / %d / %d | %.3f |",
                    i + 1, perSecond(b.recordsPerSec()), b.mbPerSec(), b.p50Ms(), b.p99Ms(),
                    perSecond(r.readingsPerSecond()), r.p50Ms(), r.p99Ms(), r.maxMs(), r.requests(), r.rejected(),
                    s429, s503, other, r.ioErrors(), r.mismatched(), Stats.ratio(r.readingsPerSecond(), b.recordsPerSec())));
        }
        double baseline = Stats.median(baselines.stream().mapToDouble(b -> b.summary().recordsPerSec()).toArray());
        double measured = Stats.median(ingests.stream().mapToDouble(r -> r.result().readingsPerSecond()).toArray());
        double ratio = Stats.ratio(measured, baseline);
        line(String.format(Locale.ROOT, "| **median** | **%s** | | | **%s** | | | | | **%.3f** |",
                perSecond(baseline), perSecond(measured), ratio));
        line("");
        line("Where the cores went (cores busy on average during each measurement; \"service\" is the alert-ingest JVM, "
                + "\"client\" ProducerPerformance or the HTTP senders, \"others\" everything else on the machine):");
        line("");
        line("| run | side | machine | service | client | broker | PostgreSQL | others | ours | records/s per core of ours |");
        line("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int i = 0; i < baselines.size(); i++) {
            line("| " + (i + 1) + " | baseline | " + baselines.get(i).cpu().row(baselines.get(i).summary().recordsPerSec()) + " |");
            line("| " + (i + 1) + " | ingest | " + ingests.get(i).cpu().row(ingests.get(i).result().readingsPerSecond()) + " |");
        }
        double baselinePerCore = Stats.median(baselines.stream()
                .mapToDouble(b -> b.summary().recordsPerSec() / b.cpu().ours()).toArray());
        double ingestPerCore = Stats.median(ingests.stream()
                .mapToDouble(r -> r.result().readingsPerSecond() / r.cpu().ours()).toArray());
        line("");
        line(String.format(Locale.ROOT, "Secondary, less sensitive to the other load on the machine: records/s per core "
                        + "of ours (medians) %s through HTTP vs %s raw = %.3f.", perSecond(ingestPerCore),
                perSecond(baselinePerCore), Stats.ratio(ingestPerCore, baselinePerCore)));
        line("");
        line(String.format(Locale.ROOT, "**Result: %s readings/s through HTTP ÷ %s records/s raw producer = %.3f "
                        + "(target ≥ %.2f: %s)**; record size %d bytes; load average at the end %s.",
                perSecond(measured), perSecond(baseline), ratio, options.target(),
                Stats.meets(ratio, options.target()) ? "met" : "NOT met", recordSize, ProcCpu.loadAverage()));
    }

    // ---- the two clients ----

    record PerfResult(PerfSummary summary, String metrics) {
    }

    /**
     * Producer metrics that show how the records travel (how full the batches are, how many records one produce
     * request carries, how long a request takes and how long records wait in the accumulator): the same names for
     * the service's producer and the baseline's. Windowed averages (the client's last ≈ 30–60 s), a diagnosis, not
     * part of the ratio.
     */
    static final List<String> PRODUCER_METRICS = List.of("batch-size-avg", "records-per-request-avg",
            "request-latency-avg", "record-queue-time-avg", "requests-in-flight", "bufferpool-wait-ratio");

    private static String producerMetrics(ConfigurableApplicationContext ingest) {
        // the factory's shared producer (not closed: closing the shared one's proxy is a no-op anyway)
        Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> metrics =
                ingest.getBean(ProducerFactory.class).createProducer().metrics();
        Map<String, String> picked = new LinkedHashMap<>();
        for (String name : PRODUCER_METRICS) {
            metrics.forEach((n, m) -> {
                if (n.group().equals("producer-metrics") && n.name().equals(name)) {
                    picked.put(name, String.format(Locale.ROOT, "%.2f", ((Number) m.metricValue()).doubleValue()));
                }
            });
        }
        return picked.toString();
    }

    /** The same metrics from ProducerPerformance's {@code --print-metrics} output. */
    private static String producerMetrics(List<String> output) {
        Map<String, String> picked = new LinkedHashMap<>();
        for (String name : PRODUCER_METRICS) {
            output.stream().filter(l -> l.startsWith("producer-metrics:" + name + ":")).findFirst()
                    .ifPresent(l -> picked.put(name, String.format(Locale.ROOT, "%.2f",
                            Double.parseDouble(l.substring(l.lastIndexOf(':') + 1).trim()))));
        }
        return picked.toString();
    }

    private PerfResult producerPerformance(String bootstrap, String topic, long records, int recordSize,
                                           Map<String, String> producer, String label) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--print-metrics", "--producer-props",
                "bootstrap.servers=" + bootstrap));
        producer.forEach((k, v) -> args.add(k + "=" + v));
        List<String> command = childJava("org.apache.kafka.tools.ProducerPerformance", args);
        Path out = options.dir().resolve("producer-performance-" + label + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("ProducerPerformance did not finish; see " + out);
        }
        List<String> lines = Files.readAllLines(out);
        PerfSummary summary = PerfSummary.find(lines).orElseThrow(() -> new IllegalStateException(
                "ProducerPerformance printed no summary (exit " + process.exitValue() + "); see " + out));
        if (label.equals("run1")) {
            line("- baseline command (class path: this benchmark's): `java " + CLIENT_JVM
                    + " -cp … org.apache.kafka.tools.ProducerPerformance " + String.join(" ", args) + "` (later runs: "
                    + "--num-records = the previous run's records/s × " + options.baselineSeconds() + " s)");
            line("");
        }
        return new PerfResult(summary, producerMetrics(lines));
    }

    private IngestRun readingLoad(String url, String token, double warmup, double seconds, long first, Instant base,
                                  int run, long brokerPid) throws IOException, InterruptedException {
        List<String> command = childJava(ReadingLoad.class.getName(), List.of(url, Integer.toString(options.senders()),
                Integer.toString(options.batch()), Double.toString(warmup), Double.toString(seconds),
                Long.toString(first), base.toString(), Integer.toString(options.stations())));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(options.dir().resolve("reading-load-" + run + ".err").toFile());
        builder.environment().put("BENCH_TOKEN", token);
        Process process = builder.start();
        ProcCpu.Sample atStart = null;
        ProcCpu.Sample atEnd = null;
        ReadingLoad.Result result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String lineRead;
            while ((lineRead = out.readLine()) != null) {
                if (lineRead.equals(ReadingLoad.WINDOW_START)) {
                    atStart = ProcCpu.sample(brokerPid);
                } else if (lineRead.equals(ReadingLoad.WINDOW_END)) {
                    atEnd = ProcCpu.sample(brokerPid);
                } else if (lineRead.startsWith("RESULT ")) {
                    result = ReadingLoad.Result.parse(lineRead);
                }
            }
        }
        int exit = process.waitFor();
        if (result == null || atStart == null || atEnd == null) {
            throw new IllegalStateException("ReadingLoad failed (exit " + exit + "); see "
                    + options.dir().resolve("reading-load-" + run + ".err"));
        }
        return new IngestRun(run, result, Cpu.of(atEnd.minus(atStart), result.cpuSeconds()));
    }

    private List<String> childJava(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(List.of(CLIENT_JVM.split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return command;
    }

    // ---- Kafka helpers ----

    static Map<String, String> producerSettings(ConfigurableApplicationContext ingest) {
        Map<String, Object> config = ingest.getBean(ProducerFactory.class).getConfigurationProperties();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : PRODUCER_KEYS) {
            Object value = config.get(key);
            if (value != null) {
                settings.put(key, value.toString());
            }
        }
        return settings;
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    record RecordSizes(int records, double value, double key, double headers, int headerCount) {
    }

    private static RecordSizes recordSizes(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        long values = 0;
        long keys = 0;
        long headers = 0;
        int headerCount = 0;
        int n = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (n < 10_000 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    values += r.value().length;
                    keys += r.key() == null ? 0 : r.key().length;
                    int count = 0;
                    for (Header h : r.headers()) {
                        headers += h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length);
                        count++;
                    }
                    headerCount = Math.max(headerCount, count);
                    n++;
                }
            }
        }
        if (n == 0) {
            throw new IllegalStateException("no records on " + topic + " to measure");
        }
        return new RecordSizes(n, (double) values / n, (double) keys / n, (double) headers / n, headerCount);
    }

    /** The broker LocalBroker started: the child of this JVM whose main class is {@code kafka.Kafka}. */
    // ---- small things ----

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
        System.out.flush();
    }

        static String perSecond(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

        }
