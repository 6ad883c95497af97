package io.lantian.ingest.reading;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.ReadingRejected;
import io.lantian.common.topics.Topics;
import io.lantian.ingest.IngestProperties;
import io.lantian.ingest.station.StationRegistry;
import io.lantian.platform.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way into Lantian for readings, whatever the path (HTTP batch, CSV import, HJ 212): validate each,
 * publish accepted ones to {@code aq.readings.v1} and rejected ones, with their raw input and reason, to
 * {@code aq.readings-rejected.v1}, and return only when the broker has acknowledged all of them. If it does
 * not, the whole batch is refused ({@link IntakeRefused}) and the sender sends it again: reading ids are
 * natural keys, so a repeat is harmless downstream.
 *
 * <p>Back-pressure: at most {@code maxInFlightBatches} batches are being published at once; more are refused
 * at once (overloaded) instead of queueing without limit. A circuit breaker stops waiting on a broker that
 * keeps failing, so senders get a quick "unavailable" until it recovers.
 */
@Service
public class ReadingIntake {

    private static final Logger log = LoggerFactory.getLogger(ReadingIntake.class);
    private static final Duration RETRY_AFTER_UNAVAILABLE = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER_OVERLOADED = Duration.ofSeconds(1);

    private final ReadingValidator validator;
    private final EventPublisher publisher;
    private final IngestProperties properties;
    private final MeterRegistry meters;
    private final CircuitBreaker broker;
    private final Semaphore inFlight;
    private final Timer publishLatency;
    private final Clock clock = Clock.systemUTC();

    ReadingIntake(StationRegistry stations, EventPublisher publisher, IngestProperties properties,
                  MeterRegistry meters, CircuitBreakerRegistry circuitBreakers) {
        this.validator = new ReadingValidator(stations::find, properties.futureTolerance(), properties.maxAge());
        this.publisher = publisher;
        this.properties = properties;
        this.meters = meters;
        this.broker = circuitBreakers.circuitBreaker("kafka-publish");
        this.inFlight = new Semaphore(properties.maxInFlightBatches());
        this.publishLatency = Timer.builder("lantian_readings_publish").description("time until the broker acknowledged a batch")
                .publishPercentileHistogram().register(meters);
    }

    public List<IntakeOutcome> submit(List<RawReading> readings, ReadingAccepted.Source source) {
        if (!inFlight.tryAcquire()) {
            meters.counter("lantian_readings_refused", "path", path(source), "cause", "overloaded").increment();
            throw new IntakeRefused(IntakeRefused.Kind.OVERLOADED, RETRY_AFTER_OVERLOADED,
                    "Too many batches in flight; send again shortly.", null);
        }
        try {
            return validateAndPublish(readings, source);
        } finally {
            inFlight.release();
        }
    }

    private List<IntakeOutcome> validateAndPublish(List<RawReading> readings, ReadingAccepted.Source source) {
        if (!broker.tryAcquirePermission()) {
            meters.counter("lantian_readings_refused", "path", path(source), "cause", "circuit-open").increment();
            throw new IntakeRefused(IntakeRefused.Kind.UNAVAILABLE, RETRY_AFTER_UNAVAILABLE,
                    "The event broker is failing; nothing is confirmed, send again later.", null);
        }
        long start = System.nanoTime();
        Instant now = clock.instant();
        List<IntakeOutcome> outcomes = new ArrayList<>(readings.size());
        List<Rejection.Reason> rejections = new ArrayList<>();
        try {
            // one acknowledgement for the whole batch: the answer waits for all of it anyway
            EventPublisher.Batch sends = publisher.batch();
            for (int i = 0; i < readings.size(); i++) {
                RawReading raw = readings.get(i);
                ReadingValidator.Outcome outcome = validator.validate(raw.submission(), source, now);
                if (outcome instanceof ReadingValidator.Accepted a) {
                    // the event's JSON by the hand-written writer (the mapper's bytes, written faster)
                    sends.addJson(Topics.READINGS, a.reading().stationId(), ReadingAcceptedJson.write(a.reading()));
                    outcomes.add(IntakeOutcome.accepted(i, a.reading().readingId()));
                } else if (outcome instanceof ReadingValidator.Rejected r) {
                    String stationId = raw.submission() == null ? null : raw.submission().stationId();
                    ReadingRejected event = new ReadingRejected(stationId, source, r.rejection().reason().name(),
                            r.rejection().message(), raw.raw(), now);
                    sends.add(Topics.READINGS_REJECTED, stationId == null ? ReadingRejected.NO_STATION_KEY : stationId, event);
                    outcomes.add(IntakeOutcome.rejected(i, r.rejection()));
                    rejections.add(r.rejection().reason());
                }
            }
            sends.send().get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refusedAfter(start, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // a send that fails before it is queued (metadata wait, buffer full) throws here too
            throw refusedAfter(start, e);
        }
        long elapsed = System.nanoTime() - start;
        broker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        publishLatency.record(elapsed, TimeUnit.NANOSECONDS);
        count(source, outcomes, rejections);
        return outcomes;
    }

    private IntakeRefused refusedAfter(long start, Exception e) {
        broker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
        log.warn("The broker did not acknowledge a batch: {}", e.toString());
        return new IntakeRefused(IntakeRefused.Kind.UNAVAILABLE, RETRY_AFTER_UNAVAILABLE,
                "The event broker did not acknowledge the readings; nothing is confirmed, send the batch again.", e);
    }

    private void count(ReadingAccepted.Source source, List<IntakeOutcome> outcomes, List<Rejection.Reason> rejections) {
        long accepted = outcomes.size() - rejections.size();
        meters.counter("lantian_readings", "path", path(source), "outcome", "accepted").increment(accepted);
        meters.counter("lantian_readings", "path", path(source), "outcome", "rejected").increment(rejections.size());
        rejections.forEach(reason -> meters.counter("lantian_readings_rejected", "reason", reason.name()).increment());
    }

    private static String path(ReadingAccepted.Source source) {
        return source.name().toLowerCase(Locale.ROOT);
    }
}
