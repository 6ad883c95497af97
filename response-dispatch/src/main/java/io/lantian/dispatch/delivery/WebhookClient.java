package io.lantian.dispatch.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes one signed delivery attempt to an enterprise's endpoint, through that endpoint's circuit breaker,
 * bulkhead and time limit (the duration of its resilience4j time limiter). The request is a blocking
 * {@code send} on the sender's thread, cut off by a watchdog at the time limit: {@code sendAsync} would hand
 * each answer to {@code CompletableFuture}'s default executor, which on a machine of two cores or fewer starts a
 * new thread per call (10 000 threads for 10 000 deliveries, measured). It does not retry: the worker schedules the next attempt durably (see
 * {@link DeliveryWorker}). Each attempt is signed at the moment it is sent, so its {@code webhook-timestamp}
 * is fresh and receivers can keep a tight tolerance.
 */
@Component
public class WebhookClient {

    static final String USER_AGENT = "Lantian-Dispatch/1 (Standard Webhooks)";

    private final EndpointGuards guards;
    private final DeliveryProperties properties;
    private final HttpClient http;
    /** Rings when an attempt's time limit runs out (see {@link TimeLimit}). */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-time-limit");
        thread.setDaemon(true);
        return thread;
    });

    WebhookClient(EndpointGuards guards, DeliveryProperties properties) {
        this.guards = guards;
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect could take the signed order elsewhere
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The bulkhead of the endpoint stayed full for its whole wait: nothing was sent, and it is no attempt. */
    public static final class EndpointBusy extends RuntimeException {
        EndpointBusy(String endpoint) {
            super("bulkhead of " + endpoint + " is full");
        }
    }

    /**
     * @param url     the enterprise's webhook URL
     * @param secrets its secrets, space-separated ({@code whsec_…})
     * @throws EndpointBusy when the endpoint's bulkhead had no room within its wait
     */
    public AttemptResult send(String url, String secrets, WebhookMessage message) {
        Instant startedAt = Instant.now();
        URI uri;
        List<WebhookSecret> keys;
        try {
            uri = webhookUri(url);
            keys = WebhookSecret.parseAll(secrets);
        } catch (IllegalArgumentException e) {
            return AttemptResult.notSent(startedAt, AttemptOutcome.MISCONFIGURED, e.getMessage());
        }
        if (keys.isEmpty()) {
            return AttemptResult.notSent(startedAt, AttemptOutcome.MISCONFIGURED, "the enterprise has no webhook secret");
        }
        EndpointGuards.Guard guard = guards.forUrl(uri);
        CircuitBreaker breaker = guard.breaker();
        if (!breaker.tryAcquirePermission()) {
            return AttemptResult.notSent(startedAt, AttemptOutcome.CIRCUIT_OPEN,
                    "not sent: the circuit breaker of " + guard.endpoint() + " is " + breaker.getState());
        }
        if (!guard.bulkhead().tryAcquirePermission()) {
            breaker.releasePermission();
            throw new EndpointBusy(guard.endpoint());
        }
        try {
            return attempt(uri, keys, message, guard);
        } finally {
            guard.bulkhead().onComplete();
        }
    }

    private AttemptResult attempt(URI uri, List<WebhookSecret> keys, WebhookMessage message, EndpointGuards.Guard guard) {
        Instant startedAt = Instant.now();
        long timestamp = startedAt.getEpochSecond();
        Duration timeout = guard.timeLimiter().getTimeLimiterConfig().getTimeoutDuration();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", message.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.signature(message.id(), timestamp, message.body(), keys))
                .POST(HttpRequest.BodyPublishers.ofString(message.body()))
                .build();
        CircuitBreaker breaker = guard.breaker();
        TimeLimit limit = new TimeLimit(Thread.currentThread());
        long start = System.nanoTime();
        ScheduledFuture<?> alarm = watchdog.schedule(limit::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            HttpResponse<String> response = http.send(request, ExcerptBody.handler(properties.excerptChars()));
            long nanos = System.nanoTime() - start;
            AttemptOutcome outcome = AttemptOutcome.ofStatus(response.statusCode());
            if (outcome.endpointFailure()) {
                breaker.onError(nanos, TimeUnit.NANOSECONDS, new IOException("HTTP " + response.statusCode()));
            } else {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            }
            Optional<Duration> retryAfter = response.statusCode() == 429 || response.statusCode() == 503
                    ? RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                    : Optional.empty();
            return new AttemptResult(startedAt, outcome, response.statusCode(), Duration.ofNanos(nanos), response.body(),
                    null, retryAfter.orElse(null));
        } catch (InterruptedException e) {
            long nanos = System.nanoTime() - start;
            if (limit.finish()) {
                // the time limit ran out (its alarm interrupted this thread): an attempt that timed out
                breaker.onError(nanos, TimeUnit.NANOSECONDS, new TimeoutException("time limit " + timeout));
                return new AttemptResult(startedAt, AttemptOutcome.TIMEOUT, null, Duration.ofNanos(nanos), null,
                        "TimeoutException: no complete answer within " + timeout, null);
            }
            // shutting down: what happened is unknown, so nothing is recorded; the lease runs out and another
            // replica sends again (receivers deduplicate by webhook-id)
            breaker.releasePermission();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering " + message.id(), e);
        } catch (Exception e) {
            long nanos = System.nanoTime() - start;
            breaker.onError(nanos, TimeUnit.NANOSECONDS, e);
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            AttemptOutcome outcome = cause instanceof TimeoutException || cause instanceof HttpTimeoutException
                    ? AttemptOutcome.TIMEOUT : AttemptOutcome.CONNECTION_FAILED;
            String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return new AttemptResult(startedAt, outcome, null, Duration.ofNanos(nanos), null, detail, null);
        } finally {
            alarm.cancel(false);
            limit.finish();
        }
    }

    /**
     * The time limit of one attempt: its alarm interrupts the sending thread (a blocking {@code send} then
     * cancels the exchange). {@link #finish} closes it, so a late alarm can no longer interrupt the thread once
     * the attempt is over, and clears an interrupt the alarm made.
     */
    private static final class TimeLimit {
        private final Thread sender;
        private boolean finished;
        private boolean expired;

        TimeLimit(Thread sender) {
            this.sender = sender;
        }

        synchronized void expire() {
            if (!finished) {
                expired = true;
                sender.interrupt();
            }
        }

        /** @return whether the limit ran out (its interrupt is then cleared) */
        synchronized boolean finish() {
            finished = true;
            if (expired) {
                Thread.interrupted();
            }
            return expired;
        }
    }

    /** Absolute http or https URLs with a host only; anything else is a configuration error, not a send. */
    static URI webhookUri(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the enterprise has no webhook URL");
        }
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("the webhook URL must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the webhook URL is not a URL");
        }
    }
}
