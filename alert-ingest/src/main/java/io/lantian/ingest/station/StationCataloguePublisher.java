package io.lantian.ingest.station;

import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topics;
import io.lantian.ingest.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * At start: loads the seed stations (if configured) into the registry, then publishes the whole registry
 * to the compacted {@code aq.stations.v1} so other services know every station without calling ingest
 * (re-publishing unchanged stations is harmless: latest per key). A broker that is down at start does not
 * stop the service: publishing is retried until it succeeds. Afterwards the registry cache is refreshed
 * periodically, to see changes made through other replicas.
 */
@Component
class StationCataloguePublisher implements ApplicationRunner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StationCataloguePublisher.class);
    private static final Duration RETRY = Duration.ofSeconds(15);
    private final StationRegistry registry;
    private final IngestProperties properties;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "station-registry"));

    StationCataloguePublisher(StationRegistry registry, IngestProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.stationsSeedFile() != null) {
            List<Station> seed = readSeed();
            registry.save(seed); // published below with the rest
            log.info("Seeded {} stations from {}", seed.size(), properties.stationsSeedFile());
        }
        executor.execute(this::publishAll);
        long refresh = properties.stationRefresh().toMillis();
        executor.scheduleWithFixedDelay(this::refresh, refresh, refresh, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            registry.refresh();
        } catch (RuntimeException e) {
            // keep the last good copy and the schedule; the next round tries again
            log.warn("Refreshing the station registry failed: {}", e.toString());
        }
    }

    private List<Station> readSeed() {
        try (InputStream in = properties.stationsSeedFile().getInputStream()) {
            return EventJson.mapper().readValue(in, new TypeReference<List<Station>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stations from " + properties.stationsSeedFile(), e);
        }
    }

    private void publishAll() {
        try {
            registry.publish(registry.all()).get(30, TimeUnit.SECONDS);
            log.info("Published {} stations to {}", registry.all().size(), Topics.STATIONS.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Publishing the station registry failed ({}); retrying in {}", e.toString(), RETRY);
            executor.schedule(this::publishAll, RETRY.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
