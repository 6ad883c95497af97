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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes one signed delivery attempt to an enterprise's endpoint, through that endpoint's circuit breaker,
 * bulkhead and time limiter. It does not retry: the worker schedules the next attempt durably (see
 * {@link DeliveryWorker}). Each attempt is signed at the moment it is sent, so its {@code webhook-timestamp}
 * is fresh and receivers can keep a tight tolerance.
 */
@Component
public class WebhookClient {

    static final String USER_AGENT = "Lantian-Dispatch/1 (Standard Webhooks)";

    private final EndpointGuards guards;
    private final DeliveryProperties properties;
    private final HttpClient http;

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
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(guard.timeLimiter().getTimeLimiterConfig().getTimeoutDuration())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", message.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.signature(message.id(), timestamp, message.body(), keys))
                .POST(HttpRequest.BodyPublishers.ofString(message.body()))
                .build();
        CircuitBreaker breaker = guard.breaker();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = guard.timeLimiter().executeFutureSupplier(
                    () -> http.sendAsync(request, ExcerptBody.handler(properties.excerptChars())));
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
