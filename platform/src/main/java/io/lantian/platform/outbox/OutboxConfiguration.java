package io.lantian.platform.outbox;

import io.lantian.platform.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Import into a service that owns data and must publish events with its state changes. The service adds
 * {@code classpath:db/outbox} to {@code spring.flyway.locations}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class OutboxConfiguration {

    @Bean
    Outbox outbox(JdbcClient jdbc, JdbcTemplate jdbcTemplate, OutboxRelay relay) {
        return new Outbox(jdbc, jdbcTemplate, relay::wake);
    }

    @Bean(destroyMethod = "close")
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate tx, EventPublisher publisher,
                            @Value("${spring.application.name}") String applicationName, MeterRegistry meters,
                            @Value("${lantian.outbox.batch-size:200}") int batchSize) {
        return new OutboxRelay(jdbc, tx, publisher, "lantian-outbox:" + applicationName, meters, batchSize);
    }
}
