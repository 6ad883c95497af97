package io.lantian.localstack;

import io.lantian.consult.ConsultApplication;
import io.lantian.dispatch.DispatchApplication;
import io.lantian.ingest.IngestApplication;
import io.lantian.platform.ServiceApplication;
import io.lantian.platform.secrets.SecretBox;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The three services started in this JVM against a given broker and database: used by the local stack and
 * by the end-to-end tests, so both run the same wiring.
 */
public final class Services implements AutoCloseable {

    private static final String SECRETS_KEY = SecretBox.newKey();

    /**
     * @param ports 0 for random ports (tests); the local stack uses 8081, 8082, 8083
     */
    public record Settings(String kafkaBootstrap, String jdbcUrl, String jdbcUser, String jdbcPassword,
                           String hmacSecret, int ingestPort, int consultPort, int dispatchPort, String... profiles) {
    }

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private Services() {
    }

    public static Services start(Settings s) {
        Services services = new Services();
        try {
            services.contexts.add(run(IngestApplication.class, IngestApplication.NAME, s, s.ingestPort()));
            services.contexts.add(run(ConsultApplication.class, ConsultApplication.NAME, s, s.consultPort()));
            services.contexts.add(run(DispatchApplication.class, DispatchApplication.NAME, s, s.dispatchPort()));
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    private static ConfigurableApplicationContext run(Class<?> application, String name, Settings s, int port) {
        // command-line arguments outrank the service's own file; secrets are passed here, never written down
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + s.kafkaBootstrap(),
                "--lantian.security.hmac-secret=" + s.hmacSecret(),
                // the local stack's database lives as long as the run, and so does this key
                "--lantian.secrets.encryption-key=" + SECRETS_KEY,
                // one JVM, one logging system: a per-application label would name only one of the three
                "--logging.include-application-name=false",
                // random HTTP ports (tests) go with a random HJ 212 port, so test JVMs never compete for 8212
                "--lantian.ingest.hj212.port=" + (s.ingestPort() == 0 ? 0 : 8212),
                // each service keeps its tables in its own schema of this database
                "--spring.datasource.url=" + s.jdbcUrl(),
                "--spring.datasource.username=" + s.jdbcUser(),
                "--spring.datasource.password=" + s.jdbcPassword()));
        return ServiceApplication.builder(application, name)
                .profiles(s.profiles())
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }

    public int ingestPort() {
        return port(0);
    }

    public int consultPort() {
        return port(1);
    }

    public int dispatchPort() {
        return port(2);
    }

    private int port(int index) {
        return Integer.parseInt(contexts.get(index).getEnvironment().getProperty("local.server.port", "-1"));
    }

    /** Stops the services in reverse order: nothing reads from a topic whose producer is already gone. */
    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
        contexts.clear();
    }
}
