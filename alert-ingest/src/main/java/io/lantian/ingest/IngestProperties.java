package io.lantian.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

import java.time.Duration;

/**
 * @param stationsSeedFile stations upserted into the registry at start, or {@code null} (demo data in the local profile)
 * @param stationRefresh  how often the registry cache is re-read (changes made through another replica)
 * @param maxBatchSize    readings per HTTP batch
 * @param futureTolerance how far a period end may lie ahead of the server clock (clock skew)
 * @param maxAge          how old a reading may be and still enter the live stream
 * @param publishTimeout  how long a request waits for the broker's acknowledgement
 * @param maxInFlightBatches batches (of any path) published at once; more are refused, not queued
 */
@ConfigurationProperties("lantian.ingest")
public record IngestProperties(Resource stationsSeedFile, Duration stationRefresh, int maxBatchSize, Duration futureTolerance, Duration maxAge,
                               Duration publishTimeout, int maxInFlightBatches) {
}
