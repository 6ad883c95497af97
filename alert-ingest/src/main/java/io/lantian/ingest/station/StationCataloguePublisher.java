package io.lantian.ingest.station;

import io.lantian.common.topics.Topics;
import io.lantian.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the registry to the compacted {@code aq.stations.v1} at start, so other services know the
 * stations without calling alert-ingest. Re-publishing unchanged stations is harmless (latest per key).
 */
@Component
class StationCataloguePublisher implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StationCataloguePublisher.class);
    private final StationRegistry registry;
    private final EventPublisher publisher;

    StationCataloguePublisher(StationRegistry registry, EventPublisher publisher) {
        this.registry = registry;
        this.publisher = publisher;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        CompletableFuture<?>[] sends = registry.all().stream()
                .map(s -> publisher.publish(Topics.STATIONS, s.stationId(), s.toEvent()))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sends).get(30, TimeUnit.SECONDS);
        log.info("Published {} stations to {}", sends.length, Topics.STATIONS.name());
    }
}
