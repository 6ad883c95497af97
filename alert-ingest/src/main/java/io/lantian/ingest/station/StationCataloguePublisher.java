package io.lantian.ingest.station;

import io.lantian.common.topics.Topics;
import io.lantian.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the registry to the compacted {@code aq.stations.v1} at start, so other services know the
 * stations without calling alert-ingest. Re-publishing unchanged stations is harmless (latest per key).
 * A broker that is down at start does not stop the service: publishing is retried until it succeeds.
 */
@Component
class StationCataloguePublisher implements ApplicationRunner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StationCataloguePublisher.class);
    private static final Duration RETRY = Duration.ofSeconds(15);
    private final StationRegistry registry;
    private final EventPublisher publisher;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "station-catalogue-publisher"));

    StationCataloguePublisher(StationRegistry registry, EventPublisher publisher) {
        this.registry = registry;
        this.publisher = publisher;
    }

    @Override
    public void run(ApplicationArguments args) {
        retries.execute(this::publishAll);
    }

    private void publishAll() {
        CompletableFuture<?>[] sends = registry.all().stream()
                .map(s -> publisher.publish(Topics.STATIONS, s.stationId(), s.toEvent()))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(30, TimeUnit.SECONDS);
            log.info("Published {} stations to {}", sends.length, Topics.STATIONS.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Publishing the station registry failed ({}); retrying in {}", e.toString(), RETRY);
            retries.schedule(this::publishAll, RETRY.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
