package io.lantian.localstack;

import io.lantian.platform.security.HmacTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * One command, the whole system on loopback: a KRaft broker (127.0.0.1:19092), an embedded PostgreSQL
 * (127.0.0.1:15432) and the three services (8081, 8082, 8083) with the {@code local} profile's demo
 * stations and demo reduction list. Prints a signed token per demo role. Ctrl-C stops everything; the next
 * start recreates the data directory from scratch.
 *
 * <p>Run it with {@code deploy/local-stack/run.sh}.
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    static final String[] DEMO_ENTERPRISES = {"91410308MA9F0001K3", "91410308MA9F0002L7"};

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "deploy/local-stack/data").toAbsolutePath();
        recreate(data);
        String secret = HmacTokens.newSecret();
        String dbPassword = UUID.randomUUID().toString();

        LocalBroker broker = new LocalBroker(data.resolve("kafka"), 19092, 19093).start();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(15432)
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setRegisterShutdownHook(false) // stopped by our hook, after the services that use it
                .start();
        createDatabase(postgres, dbPassword);

        Services services;
        try {
            services = Services.start(new Services.Settings(broker.bootstrap(),
                    "jdbc:postgresql://127.0.0.1:15432/lantian", "lantian", dbPassword, secret, 8081, 8082, 8083, "local"));
        } catch (RuntimeException e) {
            postgres.close();
            broker.close();
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping the local stack");
            services.close();
            try {
                broker.close();
                postgres.close();
            } catch (Exception e) {
                log.warn("Stopping the broker or PostgreSQL failed", e);
            }
            stopped.countDown();
        }, "local-stack-stop"));

        Map<String, String> tokens = demoTokens(new HmacTokens(secret, null));
        writeTokens(data.resolve("tokens.env"), tokens);
        printBanner(tokens, data);
        stopped.await();
    }

    static Map<String, String> demoTokens(HmacTokens tokens) {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("INGEST_TOKEN", tokens.token("demo-station-gateway", "ingest"));
        result.put("OFFICER_TOKEN", tokens.token("demo-officer", "officer"));
        result.put("CHIEF_TOKEN", tokens.token("demo-chief", "chief"));
        result.put("FORECASTER_TOKEN", tokens.token("demo-forecast-centre", "forecaster"));
        result.put("ADMIN_TOKEN", tokens.token("demo-admin", "admin"));
        result.put("ENTERPRISE_A_TOKEN", tokens.enterpriseToken(DEMO_ENTERPRISES[0]));
        result.put("ENTERPRISE_B_TOKEN", tokens.enterpriseToken(DEMO_ENTERPRISES[1]));
        return result;
    }

    private static void createDatabase(EmbeddedPostgres postgres, String password) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("create role lantian login password '" + password + "'");
            st.execute("create database lantian owner lantian");
        }
    }

    private static void writeTokens(Path file, Map<String, String> tokens) throws IOException {
        StringBuilder env = new StringBuilder("# Demo tokens of the running local stack (valid 12 h, this run only)\n");
        tokens.forEach((name, token) -> env.append("export ").append(name).append('=').append(token).append('\n'));
        Files.writeString(file, env);
    }

    private static void printBanner(Map<String, String> tokens, Path data) {
        StringBuilder banner = new StringBuilder("\n=== Lantian local stack is up ===\n")
                .append("  Kafka             127.0.0.1:19092\n")
                .append("  PostgreSQL        jdbc:postgresql://127.0.0.1:15432/lantian\n")
                .append("  alert-ingest      http://127.0.0.1:8081  (OpenAPI /v3/api-docs, health /actuator/health)\n")
                .append("  HJ 212 receiver   127.0.0.1:8212  (demo MNs MJ410308000001…013, PW demo-pw)\n")
                .append("  forecast-consult  http://127.0.0.1:8082\n")
                .append("  response-dispatch http://127.0.0.1:8083\n")
                .append("Demo tokens (also in ").append(data.resolve("tokens.env")).append("; `source` it):\n");
        tokens.forEach((name, token) -> banner.append("  ").append(name).append('=').append(token).append('\n'));
        banner.append("Ctrl-C stops everything.\n");
        log.info("{}", banner);
    }

    private static void recreate(Path data) {
        if (Files.exists(data)) {
            try (Stream<Path> paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear " + data, e);
            }
        }
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
