package io.lantian.bench;

import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.ingest.IngestApplication;
import io.lantian.ingest.hj212.Hj212Endpoint;
import io.lantian.ingest.hj212.Hj212Frame;
import io.lantian.ingest.station.Station;
import io.lantian.ingest.station.StationRegistry;
import io.lantian.localstack.LocalBroker;
import io.lantian.platform.ServiceApplication;
import io.lantian.platform.security.HmacTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HJ 212: N station connections, each sending a minute-data packet (CN 2051, six pollutants, answer
 * requested) once a minute, held for a few minutes against alert-ingest on a real broker and PostgreSQL.
 * Reports, every sample: open connections, packets answered (9014) and unanswered, and the service JVM's heap
 * after a full GC and the process RSS — the question is whether memory stays steady. Usage:
 * {@code bench/run-hj212.sh [connections] [minutes]} (defaults 1000, 4).
 */
public final class Hj212ConnectionsBenchmark {

    static final DateTimeFormatter QN = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private Hj212ConnectionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Path.of("bench/target/hj212");
        BenchSupport.recreate(dir, "hj212"); // the broker formats its data directory afresh
        StringBuilder report = new StringBuilder("## HJ 212: " + connections + " station connections, one packet a minute each — run of "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n\n- machine: " + Runtime.getRuntime().availableProcessors()
                + " cores, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", service JVM " + ManagementFactory.getRuntimeMXBean().getInputArguments() + "; load average at start "
                + ProcCpu.loadAverage() + "\n\n| minute | open connections | packets sent | answered (9014) | unanswered | heap after GC MiB | RSS MiB |\n"
                + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        int[] ports = BenchSupport.freePorts(2);
        try (LocalBroker broker = new LocalBroker(dir.resolve("kafka"), ports[0], ports[1]).start();
             EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             ConfigurableApplicationContext ingest = ServiceApplication.builder(IngestApplication.class, IngestApplication.NAME)
                     .run("--server.port=0", "--spring.kafka.bootstrap-servers=" + broker.bootstrap(),
                             "--lantian.security.hmac-secret=" + HmacTokens.newSecret(),
                             "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                             "--spring.datasource.username=postgres", "--spring.datasource.password=",
                             "--spring.main.banner-mode=off", "--logging.level.io.lantian=INFO",
                             "--lantian.ingest.hj212.enabled=true", "--lantian.ingest.hj212.port=0",
                             // every simulated station connects from 127.0.0.1
                             "--lantian.ingest.hj212.max-connections=" + (connections + 50),
                             "--lantian.ingest.hj212.max-connections-per-address=" + (connections + 50))) {
            List<Station> stations = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                stations.add(new Station(String.format("BENCH-%05d", i), "bench " + i, StationClass.MICRO, "bench", null,
                        34.8, 112.4, EnumSet.allOf(Pollutant.class), true, String.format("BENCH%09d", i),
                        Station.hashPassword("bench-pw"), Map.of()));
            }
            ingest.getBean(StationRegistry.class).save(stations).get(60, TimeUnit.SECONDS);
            int port = ingest.getBean(Hj212Endpoint.class).port();

            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(10_000);
                sockets.add(socket);
            }
            AtomicLong sent = new AtomicLong();
            AtomicLong answered = new AtomicLong();
            AtomicLong unanswered = new AtomicLong();
            ScheduledExecutorService senders = Executors.newScheduledThreadPool(32);
            for (int i = 0; i < connections; i++) {
                int station = i;
                // spread the stations over the minute, as real loggers are
                senders.scheduleAtFixedRate(() -> sendOne(sockets.get(station), station, sent, answered, unanswered),
                        60_000L * i / connections, 60_000L, TimeUnit.MILLISECONDS);
            }
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(minutes);
            AtomicLong minute = new AtomicLong();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                double open = ingest.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                        .get("lantian_hj212_connections").gauge().value();
                String row = "| " + minute.incrementAndGet() + " | " + (long) open + " | " + sent.get() + " | " + answered.get()
                        + " | " + unanswered.get() + " | " + heap + " | " + (ProcCpu.rssKiB() >> 10) + " |";
                synchronized (report) {
                    report.append(row).append('\n');
                }
                System.out.println(row);
                done.countDown();
            }, 60, 60, TimeUnit.SECONDS);
            done.await();
            sampler.shutdownNow();
            senders.shutdownNow();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        report.append("\nload average at the end ").append(ProcCpu.loadAverage()).append('\n');
        Files.writeString(dir.resolve("report.md"), report);
        System.out.println(report);
    }

    private static void sendOne(Socket socket, int station, AtomicLong sent, AtomicLong answered, AtomicLong unanswered) {
        LocalDateTime minute = LocalDateTime.now(BEIJING).truncatedTo(ChronoUnit.MINUTES).minusMinutes(1);
        String qn = QN.format(LocalDateTime.now(BEIJING)).substring(0, 14) + String.format("%03d", station % 1000);
        String cp = "DataTime=" + DATA_TIME.format(minute) + ";a34004-Avg=" + (60 + station % 50) + ",a34004-Flag=N;"
                + "a34002-Avg=" + (90 + station % 70) + ",a34002-Flag=N;a21026-Avg=9,a21026-Flag=N;a21004-Avg=40,a21004-Flag=N;"
                + "a05024-Avg=30,a05024-Flag=N;a21005-Avg=0.9,a21005-Flag=N";
        String segment = "QN=" + qn + ";ST=22;CN=2051;PW=bench-pw;MN=" + String.format("BENCH%09d", station) + ";Flag=5;CP=&&" + cp + "&&";
        try {
            synchronized (socket) {
                socket.getOutputStream().write(Hj212Frame.encode(segment));
                sent.incrementAndGet();
                if (readAnswer(socket.getInputStream()).contains("CN=9014")) {
                    answered.incrementAndGet();
                } else {
                    unanswered.incrementAndGet();
                }
            }
        } catch (IOException e) {
            unanswered.incrementAndGet();
        }
    }

    /** One answer frame: up to CR LF. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder frame = new StringBuilder();
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            frame.append((char) b);
            if (previous == '\r' && b == '\n') {
                break;
            }
            previous = b;
        }
        return frame.toString();
    }

}
