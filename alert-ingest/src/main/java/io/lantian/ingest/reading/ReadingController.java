package io.lantian.ingest.reading;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.topics.Topics;
import io.lantian.ingest.IngestProperties;
import io.lantian.ingest.station.StationRegistry;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.platform.problem.ProblemTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/v1/readings}: a JSON batch, validated item by item. Accepted readings are published to
 * {@code aq.readings.v1}, and the answer (202) comes only after the broker acknowledged all of them; if it
 * does not, the caller gets 503 and sends the batch again (reading ids are natural keys, so a repeat is
 * harmless downstream).
 */
@RestController
class ReadingController {

    private static final Logger log = LoggerFactory.getLogger(ReadingController.class);

    record ReadingBatch(@NotNull List<ReadingSubmission> readings) {
    }

    record ItemResult(int index, String status, String readingId, Rejection.Reason reason, String message) {
    }

    record BatchResult(int accepted, int rejected, List<ItemResult> results) {
    }

    private final ReadingValidator validator;
    private final EventPublisher publisher;
    private final IngestProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    ReadingController(StationRegistry stations, EventPublisher publisher, IngestProperties properties,
                      MeterRegistry meters) {
        this.validator = new ReadingValidator(stations::find, properties.futureTolerance(), properties.maxAge());
        this.publisher = publisher;
        this.properties = properties;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    @Operation(summary = "Submit a batch of readings (role ingest)")
    @PostMapping(path = "/api/v1/readings", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> submit(@Valid @RequestBody ReadingBatch batch) throws InterruptedException {
        if (batch.readings().size() > properties.maxBatchSize()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                    "A batch holds at most " + properties.maxBatchSize() + " readings; this one has " + batch.readings().size());
            problem.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        Instant now = clock.instant();
        List<ItemResult> results = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < batch.readings().size(); i++) {
            ReadingValidator.Outcome outcome = validator.validate(batch.readings().get(i), ReadingAccepted.Source.HTTP, now);
            if (outcome instanceof ReadingValidator.Accepted a) {
                accepted++;
                sends.add(publisher.publish(Topics.READINGS, a.reading().stationId(), a.reading()));
                results.add(new ItemResult(i, "ACCEPTED", a.reading().readingId(), null, null));
            } else if (outcome instanceof ReadingValidator.Rejected r) {
                meters.counter("lantian_ingest_readings_rejected", "reason", r.rejection().reason().name()).increment();
                log.info("Rejected reading {} of batch: {} {}", i, r.rejection().reason(), r.rejection().message());
                results.add(new ItemResult(i, "REJECTED", null, r.rejection().reason(), r.rejection().message()));
            }
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Broker did not acknowledge a batch of {} readings: {}", sends.size(), e.toString());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The event broker did not acknowledge the readings; nothing is confirmed, send the batch again.");
            problem.setType(ProblemTypes.UNAVAILABLE);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        meters.counter("lantian_ingest_readings_accepted", "source", "HTTP").increment(accepted);
        BatchResult body = new BatchResult(accepted, results.size() - accepted, results);
        if (accepted == 0 && !results.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "None of the " + results.size() + " readings was accepted; see results for each reason.");
            problem.setType(ProblemTypes.of("readings-rejected"));
            problem.setProperty("results", results);
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.accepted().body(body);
    }
}
