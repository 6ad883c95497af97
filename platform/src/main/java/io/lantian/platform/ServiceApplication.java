package io.lantian.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/**
 * Starts a Lantian service. Each service reads its own configuration file, named after the service
 * ({@code alert-ingest.yml}, {@code alert-ingest-local.yml}, …) instead of {@code application.yml}: the local
 * stack and the end-to-end tests run all three services in one JVM, where three {@code application.yml} on
 * one classpath would shadow each other.
 */
public final class ServiceApplication {

    private ServiceApplication() {
    }

    public static SpringApplicationBuilder builder(Class<?> application, String serviceName) {
        return new SpringApplicationBuilder(application)
                .properties(Map.of("spring.config.name", serviceName, "spring.application.name", serviceName));
    }

    public static ConfigurableApplicationContext run(Class<?> application, String serviceName, String... args) {
        return builder(application, serviceName).run(args);
    }
}
