package io.lantian.bench;

import static io.lantian.bench.BenchSupport.awaitSetUp;
import static io.lantian.bench.BenchSupport.cpuModel;
import static io.lantian.bench.BenchSupport.delete;
import static io.lantian.bench.BenchSupport.freePorts;
import static io.lantian.bench.BenchSupport.jvmArgs;
import static io.lantian.bench.BenchSupport.progress;
import static io.lantian.bench.BenchSupport.recreate;

import io.lantian.common.events.WarningEvent;
import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topics;
import io.lantian.dispatch.DispatchApplication;
import io.lantian.dispatch.list.CreditCode;
import io.lantian.localstack.LocalBroker;
import io.lantian.platform.ServiceApplication;
import io.lantian.platform.security.HmacTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dispatch benchmark (response-dispatch issue), two measurements in one run:
 *
 * <ol>
 *   <li><b>Fan-out</b>: one warning (ISSUED, YELLOW) for a region of {@code n} listed WEBHOOK enterprises →
 *   time until the local receivers ({@link WebhookReceivers}, a child JVM) have verified {@code n} distinct
 *   {@code webhook-id}s, and until all {@code n} orders are DELIVERED in the database. Targets: ≤ 10 s for
 *   n = 10 000, and deliveries/s ≥ 0.3 × {@code wrk}'s requests/s against one of the same receiver URLs with a
 *   signed POST of the same body size (baseline, measured right after, same run).</li>
 *   <li><b>Ack API</b>: {@link AckLoad} (a child JVM, {@code clients} concurrent clients) acknowledges the
 *   delivered orders, each once, through {@code POST /api/v1/enterprise/orders/{id}/ack}; then replays them.
 *   Target ≥ 2 000 acks/s with p99 ≤ 50 ms.</li>
 * </ol>
 *
 * <p>Run with {@code bench/run-dispatch.sh [--n 10000] …}; never part of {@code verify}. Extra
 * {@code --lantian.…} / {@code --resilience4j.…} arguments after {@code --} go to response-dispatch (tuned runs).
 */
public final class DispatchBenchmark {

    static final String CLIENT_JVM = "-Xms256m -Xmx512m -XX:+UseG1GC";
    static final String REGION = "bench-region";
    static final int YEAR = 2026;

    record Options(int n, int receivers, int receiverThreads, int clients, int ackWarmup, double repeatSeconds,
                   int wrkSeconds, int wrkConnections, double timeoutSeconds, Path dir, Map<String, String> postgres,
                   List<String> serviceArgs) {

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            List<String> service = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--")) {
                    service.addAll(List.of(args).subList(i + 1, args.length));
                    break;
                }
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("usage: [--n 10000] [--receivers 8] [--receiver-threads 8] "
                            + "[--clients 64] [--ack-warmup 1000] [--repeat-seconds 10] [--wrk-seconds 10] "
                            + "[--wrk-connections 64] [--timeout 300] [--dir bench/target/dispatch] "
                            + "[--pg name=value,name=value (PostgreSQL server settings, for diagnosis)] [-- service args]");
                }
                given.put(args[i].substring(2), args[++i]);
            }
            List<String> known = List.of("n", "receivers", "receiver-threads", "clients", "ack-warmup", "repeat-seconds",
                    "wrk-seconds", "wrk-connections", "timeout", "dir", "pg");
            given.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException("unknown option --" + k + "; known: " + known);
            });
            return new Options(Integer.parseInt(given.getOrDefault("n", "10000")),
                    Integer.parseInt(given.getOrDefault("receivers", "8")),
                    Integer.parseInt(given.getOrDefault("receiver-threads", "8")),
                    Integer.parseInt(given.getOrDefault("clients", "64")),
                    Integer.parseInt(given.getOrDefault("ack-warmup", "1000")),
                    Double.parseDouble(given.getOrDefault("repeat-seconds", "10")),
                    Integer.parseInt(given.getOrDefault("wrk-seconds", "10")),
                    Integer.parseInt(given.getOrDefault("wrk-connections", "64")),
                    Double.parseDouble(given.getOrDefault("timeout", "300")),
                    Path.of(given.getOrDefault("dir", "bench/target/dispatch")).toAbsolutePath(),
                    BenchPostgres.settings(given.getOrDefault("pg", "")), List.copyOf(service));
        }
    }

    private final Options options;
    private final StringBuilder report = new StringBuilder();
    private final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private DispatchBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new DispatchBenchmark(Options.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Options o = options;
        recreate(o.dir(), "dispatch");
        line("## Dispatch fan-out and ack API — run of " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        line("");
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + "; load average at start " + ProcCpu.loadAverage());
        line("- options: " + o);
        line("- response-dispatch in this JVM (" + String.join(" ",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) + "); broker: "
                + IngestBenchmark.BROKER_SETTINGS + "; embedded PostgreSQL (zonky)");

        String hmac = HmacTokens.newSecret();
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String webhookSecret = "whsec_" + Base64.getEncoder().encodeToString(raw);
        int[] ports = freePorts(2);
        Process receivers = startReceivers(webhookSecret);
        try (LocalBroker broker = new LocalBroker(o.dir().resolve("kafka"), ports[0], ports[1]).start();
             EmbeddedPostgres postgres = BenchPostgres.start(o.postgres(), o.dir().resolve("postgres.log"));
             ConfigurableApplicationContext dispatch = startDispatch(broker.bootstrap(),
                     postgres.getJdbcUrl("postgres", "postgres"), hmac)) {
            measure(broker, postgres.getPostgresDatabase(), dispatch, new HmacTokens(hmac, null), webhookSecret, receivers);
        } finally {
            receivers.destroy();
            Files.writeString(o.dir().resolve("report.md"), report);
            delete(o.dir().resolve("kafka").resolve("logs"));
        }
    }

    private ConfigurableApplicationContext startDispatch(String bootstrap, String jdbcUrl, String secret) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--lantian.security.hmac-secret=" + secret,
                "--lantian.secrets.encryption-key=" + io.lantian.platform.secrets.SecretBox.newKey(),
                "--logging.include-application-name=false",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--logging.level.io.lantian=INFO",
                "--spring.main.banner-mode=off"));
        args.addAll(options.serviceArgs());
        return ServiceApplication.builder(DispatchApplication.class, DispatchApplication.NAME)
                .run(args.toArray(String[]::new));
    }

    // ---- the receivers (child JVM) ----

    private final BlockingQueue<String> receiverLines = new LinkedBlockingQueue<>();
    private volatile long firstReceived;
    private volatile long allReceived;

    private Process startReceivers(String webhookSecret) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin));
        command.addAll(List.of(CLIENT_JVM.split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WebhookReceivers.class.getName(),
                Integer.toString(options.receivers()), Integer.toString(options.receiverThreads()),
                Integer.toString(options.n())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(options.dir().resolve("receivers.err").toFile());
        builder.environment().put("BENCH_WEBHOOK_SECRET", webhookSecret);
        Process p = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = in.readLine()) != null) {
                    if (l.startsWith("FIRST ")) {
                        firstReceived = Long.parseLong(l.substring(6));
                    } else if (l.startsWith("REACHED ")) {
                        allReceived = Long.parseLong(l.substring(8));
                    } else {
                        receiverLines.add(l);
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
        }, "receivers-out");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private String ask(Process receivers, String command, String prefix) throws Exception {
        if (command != null) {
            PrintWriter w = new PrintWriter(receivers.getOutputStream(), true, StandardCharsets.UTF_8);
            w.println(command);
        }
        String l = receiverLines.poll(60, TimeUnit.SECONDS);
        while (l != null && !l.startsWith(prefix)) {
            l = receiverLines.poll(60, TimeUnit.SECONDS);
        }
        if (l == null) {
            throw new IllegalStateException("receivers did not answer " + prefix + "; see receivers.err");
        }
        return l.substring(prefix.length());
    }

    // ---- the measurement ----

    private void measure(LocalBroker broker, DataSource db, ConfigurableApplicationContext dispatch, HmacTokens tokens,
                         String webhookSecret, Process receivers) throws Exception {
        Options o = options;
        int port = Integer.parseInt(dispatch.getEnvironment().getProperty("local.server.port", "-1"));
        long brokerPid = BenchSupport.brokerPid();
        String[] receiverPorts = ask(receivers, null, "READY ").split(",");
        Map<String, String> delivery = new LinkedHashMap<>();
        for (String k : List.of("poll-interval", "lease", "concurrency", "max-attempts")) {
            delivery.put(k, dispatch.getEnvironment().getProperty("lantian.dispatch.delivery." + k));
        }
        delivery.put("bulkhead max-concurrent-calls", dispatch.getEnvironment()
                .getProperty("resilience4j.bulkhead.configs.webhook.max-concurrent-calls"));
        line("- delivery settings (read from the running service): " + delivery);
        line("- receivers: " + o.receivers() + " JDK HttpServers on 127.0.0.1 (ports " + String.join(",", receiverPorts)
                + "), " + o.receiverThreads() + " handler threads shared, in a child JVM (" + CLIENT_JVM + "); each "
                + "verifies the signature, remembers the webhook-id, answers 204. Enterprise i's webhook_url is "
                + "http://127.0.0.1:<port i mod " + o.receivers() + ">/hooks/<enterprise id>: " + o.n()
                + " distinct URLs on " + o.receivers() + " endpoints (host:port, the unit of the circuit breaker and bulkhead)");

        // 1. the list in force: n WEBHOOK enterprises of one region, one YELLOW measure each
        List<String> ids = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into dispatch.reduction_list (year, imported_by, source) values (" + YEAR
                        + ", 'bench', 'DispatchBenchmark')");
            }
            try (PreparedStatement e = c.prepareStatement("insert into dispatch.enterprise (enterprise_id, name, region_id, "
                    + "grade, list_year, delivery_mode, webhook_url, webhook_secrets) values (?, ?, ?, 'C', ?, 'WEBHOOK', ?, ?)");
                 PreparedStatement m = c.prepareStatement("insert into dispatch.enterprise_measure (enterprise_id, level, "
                         + "position, measure, action) values (?, 'YELLOW', 0, ?, 'OTHER')")) {
                for (int i = 0; i < o.n(); i++) {
                    String id = CreditCode.withCheckCharacter(String.format(Locale.ROOT, "91410308%09d", i));
                    ids.add(id);
                    e.setString(1, id);
                    e.setString(2, "bench enterprise " + i);
                    e.setString(3, REGION);
                    e.setInt(4, YEAR);
                    e.setString(5, "http://127.0.0.1:" + receiverPorts[i % receiverPorts.length] + "/hooks/" + id);
                    e.setString(6, webhookSecret);
                    e.addBatch();
                    m.setString(1, id);
                    m.setString(2, "1 号线限产 30%（bench）");
                    m.addBatch();
                    if (i % 1000 == 999) {
                        e.executeBatch();
                        m.executeBatch();
                    }
                }
                e.executeBatch();
                m.executeBatch();
            }
            c.commit();
        }
        line(String.format(Locale.ROOT, "- list: %d enterprises of region %s inserted with JDBC in %.1f s (not measured)",
                o.n(), REGION, (System.nanoTime() - t0) / 1e9));

        // 2. one warning, then wait; first, as in a service that has been running, its consumers hold their
        // partitions (right after start the consumer groups are still joining, which delayed the warning by ~1 s)
        double settled = awaitListenersAssigned(dispatch, broker.bootstrap());
        line(String.format(Locale.ROOT, "- every Kafka listener of response-dispatch held its partitions %.1f s after "
                + "the list was inserted; then the warning was published", settled));
        WarningEvent warning = new WarningEvent(UUID.randomUUID().toString(), 1, REGION, WarningEvent.Action.ISSUED,
                WarningEvent.WarningLevel.YELLOW, Instant.now(), "bench", "bench", Instant.now());
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        ProcCpu.Sample cpuBefore;
        Map<String, Double> threadsBefore;
        long published;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.partitionsFor(Topics.WARNINGS.name());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.WARNINGS.name(), REGION,
                    EventJson.mapper().writeValueAsBytes(warning));
            record.headers().add("ce_specversion", b("1.0")).add("ce_id", b(UUID.randomUUID().toString()))
                    .add("ce_type", b(Topics.WARNINGS.eventType())).add("ce_source", b("bench"))
                    .add("ce_time", b(Instant.now().toString())).add("content-type", b("application/json"));
            cpuBefore = ProcCpu.sample(brokerPid);
            threadsBefore = ProcCpu.threadGroups();
            published = System.currentTimeMillis();
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
        progress("warning published; waiting for " + o.n() + " deliveries");
        long ordersCreated = 0;
        long allDelivered = 0;
        long deadline = published + (long) (o.timeoutSeconds() * 1000);
        long delivered = 0;
        long orders = 0;
        long lastProgress = 0;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            while (System.currentTimeMillis() < deadline && (allDelivered == 0 || allReceived == 0)) {
                try (ResultSet rs = s.executeQuery("select count(*), count(*) filter (where status = 'DELIVERED') "
                        + "from dispatch.curtailment_order")) {
                    rs.next();
                    orders = rs.getLong(1);
                    delivered = rs.getLong(2);
                }
                long now = System.currentTimeMillis();
                if (ordersCreated == 0 && orders >= o.n()) {
                    ordersCreated = now;
                }
                if (allDelivered == 0 && delivered >= o.n()) {
                    allDelivered = now;
                }
                if (now - lastProgress > 5000) {
                    progress(String.format(Locale.ROOT, "%.1f s: %d orders, %d DELIVERED", (now - published) / 1000.0,
                            orders, delivered));
                    lastProgress = now;
                }
                Thread.sleep(100);
            }
        }
        ProcCpu.Sample cpu = ProcCpu.sample(brokerPid).minus(cpuBefore);
        List<Map.Entry<String, Double>> threads = ProcCpu.threadGroupsBetween(threadsBefore, ProcCpu.threadGroups());
        String[] st = ask(receivers, "stats", "STATS ").split(" ");
        long distinct = Long.parseLong(st[0]);
        long requests = Long.parseLong(st[1]);
        long unauthorized = Long.parseLong(st[2]);
        int bodySize = Integer.parseInt(st[3]);
        Map<String, Long> attempts = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select outcome, count(*) from dispatch.delivery_attempt group by outcome order by 1")) {
            while (rs.next()) {
                attempts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (java.sql.SQLException e) {
            attempts.put("(unreadable: " + e.getMessage() + ")", 0L);
        }
        if (allReceived == 0 || allDelivered == 0) {
            line(String.format(Locale.ROOT, "**Fan-out did not finish within %.0f s**: %d orders, %d DELIVERED, %d distinct "
                    + "webhook-ids received.", o.timeoutSeconds(), orders, delivered, distinct));
        }
        double toReceived = allReceived == 0 ? Double.NaN : (allReceived - published) / 1000.0;
        double toDelivered = allDelivered == 0 ? Double.NaN : (allDelivered - published) / 1000.0;
        double toOrders = ordersCreated == 0 ? Double.NaN : (ordersCreated - published) / 1000.0;
        double toFirst = firstReceived == 0 ? Double.NaN : (firstReceived - published) / 1000.0;
        double window = allReceived == 0 || firstReceived == 0 ? Double.NaN : (allReceived - firstReceived) / 1000.0;
        double deliveriesPerSec = distinct / window;
        double endToEndPerSec = o.n() / toReceived;

        // 3. the baseline: wrk against one of the same receiver URLs, a signed POST of the same body size
        Wrk wrk = wrk(receiverPorts[0], ids.get(0), webhookSecret, bodySize);
        double ratio = Stats.ratio(deliveriesPerSec, wrk.requestsPerSec());
        double ratioEndToEnd = Stats.ratio(endToEndPerSec, wrk.requestsPerSec());

        line("");
        line("### Fan-out: warning → " + o.n() + " signed webhooks");
        line("");
        line("| measure | value |");
        line("| --- | ---: |");
        line(String.format(Locale.ROOT, "| warning published → all %d orders created (PENDING) | %.2f s |", o.n(), toOrders));
        line(String.format(Locale.ROOT, "| warning published → first webhook received | %.2f s |", toFirst));
        line(String.format(Locale.ROOT, "| **warning published → %d distinct webhook-ids received** | **%.2f s** |", o.n(), toReceived));
        line(String.format(Locale.ROOT, "| warning published → all %d orders DELIVERED in the database (seen by a 100 ms poll) | %.2f s |", o.n(), toDelivered));
        line(String.format(Locale.ROOT, "| deliveries/s, first → last webhook received | %.0f |", deliveriesPerSec));
        line(String.format(Locale.ROOT, "| deliveries/s, end to end (n ÷ published → all received) | %.0f |", endToEndPerSec));
        line(String.format(Locale.ROOT, "| requests at the receivers / unauthorized (bad signature) | %d / %d |", requests, unauthorized));
        line(String.format(Locale.ROOT, "| mean webhook body | %d bytes |", bodySize));
        line("| delivery attempts by outcome (`delivery_attempt`) | " + attempts + " |");
        line(String.format(Locale.ROOT, "| cores busy, published → done: machine / response-dispatch (this JVM) / broker / rest (PostgreSQL, receivers, others) | %.2f / %.2f / %.2f / %.2f |",
                cpu.machineBusy() / cpu.wallSeconds(), cpu.self() / cpu.wallSeconds(), cpu.broker() / cpu.wallSeconds(),
                (cpu.machineBusy() - cpu.self() - cpu.broker()) / cpu.wallSeconds()));
        line("");
        line(whereCpuWent("published → done", threads));
        line("");
        line("Baseline: `" + wrk.command() + "` (Lua script: POST, the same signature headers every time — a fresh "
                + "timestamp, so the receiver verifies it like a real delivery — and a body of " + bodySize + " bytes)");
        line("");
        line("```");
        line(wrk.output().strip());
        line("```");
        line("");
        line(String.format(Locale.ROOT, "**Fan-out result**: %d webhooks in %.2f s after the warning (target ≤ 10 s for "
                        + "n = 10 000: %s); %.0f deliveries/s (first → last) ÷ %.0f wrk requests/s = **%.3f** (target ≥ 0.3: %s); "
                        + "end to end %.0f/s = %.3f.", o.n(), toReceived,
                o.n() >= 10_000 ? (toReceived <= 10 ? "met" : "NOT met") : "n < 10 000, not comparable",
                deliveriesPerSec, wrk.requestsPerSec(), ratio, Stats.meets(ratio, 0.3) ? "met" : "NOT met",
                endToEndPerSec, ratioEndToEnd));

        // 4. the ack API on the delivered orders
        ackRun(db, port, tokens, brokerPid);
        receivers.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
        receivers.getOutputStream().flush();
        line("");
        line("Load average at the end: " + ProcCpu.loadAverage());
    }

    /** The busiest thread groups of this JVM (the service) in a window, as one report line. */
    private static String whereCpuWent(String window, List<Map.Entry<String, Double>> threads) {
        return "Where response-dispatch's CPU went, " + window + " (this JVM's threads by name, CPU seconds; the top 12): "
                + threads.stream().limit(12).map(e -> String.format(Locale.ROOT, "`%s` %.2f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Waits until every listener container of the service has settled: each of its consumers that can get a
     * partition has one, and together they hold every partition of their topics (a consumer that joins later
     * would make the group rebalance, pausing consumption).
     *
     * @return seconds waited
     */
    private static double awaitListenersAssigned(ConfigurableApplicationContext dispatch, String bootstrap)
            throws Exception {
        long start = System.nanoTime();
        @SuppressWarnings("rawtypes")
        Map<String, ConcurrentMessageListenerContainer> containers =
                dispatch.getBeansOfType(ConcurrentMessageListenerContainer.class);
        Map<String, Integer> partitions = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> topics = containers.values().stream()
                    .flatMap(c -> java.util.Arrays.stream(c.getContainerProperties().getTopics())).distinct().toList();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                    .forEach((name, d) -> partitions.put(name, d.partitions().size()));
        }
        awaitSetUp(60, () -> containers.values().stream().allMatch(c -> {
            int expected = java.util.Arrays.stream(c.getContainerProperties().getTopics()).mapToInt(partitions::get).sum();
            List<?> children = c.getContainers();
            long holding = children.stream().map(child -> ((MessageListenerContainer) child).getAssignedPartitions())
                    .filter(p -> p != null && !p.isEmpty()).count();
            long held = children.stream().map(child -> ((MessageListenerContainer) child).getAssignedPartitions())
                    .filter(p -> p != null).mapToLong(java.util.Collection::size).sum();
            return held == expected && holding == Math.min(children.size(), expected);
        }), "Kafka listeners of response-dispatch did not all hold their partitions within 60 s");
        return (System.nanoTime() - start) / 1e9;
    }

    record Wrk(String command, double requestsPerSec, String output) {
    }

    private Wrk wrk(String port, String enterpriseId, String webhookSecret, int bodySize) throws Exception {
        String body = "{\"type\":\"order.issued\",\"data\":{\"pad\":\"" + "x".repeat(Math.max(0, bodySize - 37)) + "\"}}";
        body = body.substring(0, Math.min(body.length(), Math.max(bodySize, 40)));
        String id = "wrk-baseline.r1";
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        byte[] key = Base64.getDecoder().decode(webhookSecret.substring("whsec_".length()));
        String sig = Base64.getEncoder().encodeToString(WebhookReceivers.sign(key, id, ts, body.getBytes(StandardCharsets.UTF_8)));
        Path script = options.dir().resolve("post.lua");
        Files.writeString(script, "wrk.method = \"POST\"\n"
                + "wrk.body = '" + body + "'\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"webhook-id\"] = \"" + id + "\"\n"
                + "wrk.headers[\"webhook-timestamp\"] = \"" + ts + "\"\n"
                + "wrk.headers[\"webhook-signature\"] = \"v1," + sig + "\"\n");
        String url = "http://127.0.0.1:" + port + "/hooks/" + enterpriseId;
        List<String> command = List.of("wrk", "-t2", "-c" + options.wrkConnections(), "-d" + options.wrkSeconds() + "s",
                "--latency", "-s", script.toString(), url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Files.writeString(options.dir().resolve("wrk.out"), out);
        Matcher m = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no Requests/sec:\n" + out);
        }
        if (out.contains("Non-2xx")) {
            progress("wrk saw non-2xx answers: the baseline's signature was refused");
        }
        return new Wrk(String.join(" ", command).replace(options.dir().toString(), "<dir>"), Double.parseDouble(m.group(1)), out);
    }

    private void ackRun(DataSource db, int port, HmacTokens tokens, long brokerPid) throws Exception {
        Options o = options;
        Path file = options.dir().resolve("orders.txt");
        List<String> lines = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select order_id, revision, enterprise_id from dispatch.curtailment_order "
                     + "where status = 'DELIVERED' order by random()")) {
            while (rs.next()) {
                lines.add(rs.getString(1) + " " + rs.getInt(2) + " " + tokens.enterpriseToken(rs.getString(3)));
            }
        }
        Files.write(file, lines);
        List<String> command = new ArrayList<>(List.of(javaBin));
        command.addAll(List.of(CLIENT_JVM.split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AckLoad.class.getName(),
                "http://127.0.0.1:" + port, file.toString(), Integer.toString(o.clients()), Integer.toString(o.ackWarmup()),
                Double.toString(o.repeatSeconds())));
        Process p = new ProcessBuilder(command).redirectError(options.dir().resolve("ack-load.err").toFile()).start();
        ProcCpu.Sample start = null;
        ProcCpu.Sample end = null;
        Map<String, Double> threadsAtStart = Map.of();
        List<Map.Entry<String, Double>> threads = List.of();
        List<String> statements = List.of();
        List<String> results = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = in.readLine()) != null) {
                if (l.equals("WINDOW_START")) {
                    if (BenchPostgres.tracksStatements(o.postgres())) {
                        BenchPostgres.resetStatements(db);
                    }
                    start = ProcCpu.sample(brokerPid);
                    threadsAtStart = ProcCpu.threadGroups();
                } else if (l.equals("WINDOW_END")) {
                    end = ProcCpu.sample(brokerPid);
                    threads = ProcCpu.threadGroupsBetween(threadsAtStart, ProcCpu.threadGroups());
                    if (BenchPostgres.tracksStatements(o.postgres())) {
                        statements = BenchPostgres.topStatements(db, 15, lines.size() - Math.min(o.ackWarmup(), lines.size() / 2), "ack");
                    }
                } else if (l.startsWith("RESULT ")) {
                    results.add(l.substring(7));
                }
            }
        }
        p.waitFor();
        long acked;
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from dispatch.curtailment_order where status = 'ACKNOWLEDGED'")) {
            rs.next();
            acked = rs.getLong(1);
        }
        line("");
        line("### Ack API: " + o.clients() + " concurrent clients, distinct orders");
        line("");
        line("- " + lines.size() + " DELIVERED orders (random order); the first " + Math.min(o.ackWarmup(), lines.size() / 2)
                + " acknowledged as warm-up (not counted), the rest measured; then " + o.repeatSeconds()
                + " s of replays of the measured acks (same Idempotency-Key, same body). Client: " + CLIENT_JVM
                + ", a plain socket per client speaking HTTP/1.1 keep-alive, one blocking request at a time (closed loop: no correction for coordinated omission)");
        line("- orders ACKNOWLEDGED in the database afterwards: " + acked);
        line("");
        line("| phase | requests | 200 | seconds | acks/s | p50 ms | p99 ms | max ms | statuses | I/O errors |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        Pattern kv = Pattern.compile("(\\w+)=(\\S+)");
        Map<String, Map<String, String>> parsed = new LinkedHashMap<>();
        for (String r : results) {
            Map<String, String> f = new LinkedHashMap<>();
            Matcher m = kv.matcher(r);
            while (m.find()) {
                f.put(m.group(1), m.group(2));
            }
            parsed.put(f.get("phase"), f);
            line("| " + f.get("phase") + " | " + f.get("requests") + " | " + f.get("ok") + " | " + f.get("seconds") + " | "
                    + String.format(Locale.ROOT, "%,.0f", Double.parseDouble(f.get("perSec"))) + " | " + f.get("p50Ms")
                    + " | " + f.get("p99Ms") + " | " + f.get("maxMs") + " | " + f.get("statuses") + " | " + f.get("ioErrors") + " |");
        }
        if (start != null && end != null) {
            ProcCpu.Sample d = end.minus(start);
            double w = d.wallSeconds();
            line("");
            line(String.format(Locale.ROOT, "Cores busy during the measured acks: machine %.2f, response-dispatch %.2f, "
                            + "client %.2f, broker %.2f (PostgreSQL is not a child of this JVM: in the machine figure only).", d.machineBusy() / w, d.self() / w,
                    Double.parseDouble(parsed.getOrDefault("acks", Map.of()).getOrDefault("clientCpuSeconds", "NaN")) / w,
                    d.broker() / w));
        }
        if (!threads.isEmpty()) {
            line("");
            line(whereCpuWent("during the measured acks", threads));
        }
        if (!statements.isEmpty()) {
            line("");
            line("PostgreSQL's statements during the measured acks, by execution time (pg_stat_statements):");
            line("");
            statements.forEach(this::line);
        }
        Map<String, String> a = parsed.get("acks");
        if (a != null) {
            double perSec = Double.parseDouble(a.get("perSec"));
            double p99 = Double.parseDouble(a.get("p99Ms"));
            line("");
            line(String.format(Locale.ROOT, "**Ack result**: %,.0f acks/s, p99 %.1f ms (target ≥ 2 000/s: %s; p99 ≤ 50 ms: %s).",
                    perSec, p99, perSec >= 2000 ? "met" : "NOT met", p99 <= 50 ? "met" : "NOT met"));
        } else {
            line("**Ack load failed**: see ack-load.err");
        }
    }

    // ---- small things ----

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

        private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
        System.out.flush();
    }

                }
