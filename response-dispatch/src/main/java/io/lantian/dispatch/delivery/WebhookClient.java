package io.lantian.dispatch.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes one signed delivery attempt to an enterprise's endpoint, through that endpoint's circuit breaker,
 * bulkhead and time limit (the duration of its resilience4j time limiter). The request is a blocking call of
 * Apache HttpClient's classic API on the sender's thread, over pooled keep-alive connections, and a watchdog
 * aborts it when the time limit runs out (the socket timeout alone would let a receiver that trickles its
 * answer hold the sender for longer). Measured against the JDK's {@code java.net.http} client on this project's
 * machine (docs/benchmarks.md, dispatch "Runs O"), it costs about half the CPU per request: the JDK client
 * hands every exchange between the caller, its selector thread and an executor. It does not retry: the worker
 * schedules the next attempt durably (see {@link DeliveryWorker}). Each attempt is signed at the moment it is
 * sent, so its {@code webhook-timestamp} is fresh and receivers can keep a tight tolerance.
 */
@Component
public class WebhookClient implements DisposableBean {

    static final String USER_AGENT = "Lantian-Dispatch/1 (Standard Webhooks)";
    /** The webhook body's media type, as Standard Webhooks has it (no charset parameter: JSON is UTF-8). */
    private static final ContentType JSON = ContentType.create("application/json");
    /** A pooled connection idle this long is checked before use: the receiver may have closed it meanwhile. */
    private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(1);
    /** Pooled connections idle this long are closed. */
    private static final TimeValue IDLE_CLOSE = TimeValue.ofSeconds(30);

    private final EndpointGuards guards;
    private final DeliveryProperties properties;
    private final CloseableHttpClient http;
    /** Rings when an attempt's time limit runs out (see {@link TimeLimit}). */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-time-limit");
        thread.setDaemon(true);
        return thread;
    });

    WebhookClient(EndpointGuards guards, DeliveryProperties properties) {
        this.guards = guards;
        this.properties = properties;
        Timeout timeLimit = Timeout.of(guards.timeLimit());
        Timeout connect = Timeout.of(properties.connectTimeout());
        // never more requests in flight than senders, so a sender never waits for the pool; past the total, the
        // least recently used idle connection (of any endpoint) is closed to make room
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(properties.concurrency())
                        .setMaxConnPerRoute(properties.concurrency())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(timeLimit)
                                .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(timeLimit)
                        .build())
                .disableRedirectHandling() // a redirect could take the signed order elsewhere
                .disableAutomaticRetries() // the worker's durable schedule retries, with a fresh signature
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(IDLE_CLOSE)
                .setUserAgent(USER_AGENT)
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

    /** What the attempt needs of an answer; read inside the client's handler, which then frees the connection. */
    private record Answer(int status, String retryAfter, String excerpt) {
    }

    private AttemptResult attempt(URI uri, List<WebhookSecret> keys, WebhookMessage message, EndpointGuards.Guard guard) {
        Instant startedAt = Instant.now();
        long timestamp = startedAt.getEpochSecond();
        Duration timeout = guard.timeLimiter().getTimeLimiterConfig().getTimeoutDuration();
        HttpPost request = new HttpPost(uri);
        request.setHeader("User-Agent", USER_AGENT);
        request.setHeader("webhook-id", message.id());
        request.setHeader("webhook-timestamp", Long.toString(timestamp));
        request.setHeader("webhook-signature", WebhookSigner.signature(message.id(), timestamp, message.body(), keys));
        request.setEntity(new ByteArrayEntity(message.body().getBytes(StandardCharsets.UTF_8), JSON));
        CircuitBreaker breaker = guard.breaker();
        TimeLimit limit = new TimeLimit(request);
        long start = System.nanoTime();
        ScheduledFuture<?> alarm = watchdog.schedule(limit::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            Answer answer = http.execute(request, response -> {
                Header retryAfter = response.getFirstHeader("Retry-After");
                HttpEntity entity = response.getEntity();
                return new Answer(response.getCode(), retryAfter == null ? null : retryAfter.getValue(),
                        ExcerptBody.read(entity == null ? null : entity.getContent(), properties.excerptChars()));
            });
            long nanos = System.nanoTime() - start;
            AttemptOutcome outcome = AttemptOutcome.ofStatus(answer.status());
            if (outcome.endpointFailure()) {
                breaker.onError(nanos, TimeUnit.NANOSECONDS, new IOException("HTTP " + answer.status()));
            } else {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            }
            Optional<Duration> retryAfter = answer.status() == 429 || answer.status() == 503
                    ? RetryAfter.parse(answer.retryAfter(), Instant.now())
                    : Optional.empty();
            return new AttemptResult(startedAt, outcome, answer.status(), Duration.ofNanos(nanos), answer.excerpt(),
                    null, retryAfter.orElse(null));
        } catch (IOException | RuntimeException e) {
            long nanos = System.nanoTime() - start;
            if (limit.finish()) {
                return timedOut(breaker, startedAt, nanos, timeout); // the alarm aborted the exchange
            }
            if (Thread.currentThread().isInterrupted()) {
                // shutting down: what happened is unknown, so nothing is recorded; the lease runs out and another
                // replica sends again (receivers deduplicate by webhook-id)
                breaker.releasePermission();
                throw new IllegalStateException("interrupted while delivering " + message.id(), e);
            }
            breaker.onError(nanos, TimeUnit.NANOSECONDS, e);
            AttemptOutcome outcome = e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException
                    ? AttemptOutcome.TIMEOUT : AttemptOutcome.CONNECTION_FAILED;
            String detail = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            return new AttemptResult(startedAt, outcome, null, Duration.ofNanos(nanos), null, detail, null);
        } finally {
            alarm.cancel(false);
            limit.finish();
        }
    }

    private static AttemptResult timedOut(CircuitBreaker breaker, Instant startedAt, long nanos, Duration timeout) {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, new TimeoutException("time limit " + timeout));
        return new AttemptResult(startedAt, AttemptOutcome.TIMEOUT, null, Duration.ofNanos(nanos), null,
                "TimeoutException: no complete answer within " + timeout, null);
    }

    /**
     * The time limit of one attempt: its alarm aborts the request (the client then closes its connection, and
     * the blocked sender gets an exception). {@link #finish} closes it, so a late alarm can no longer abort the
     * request once the attempt is over.
     */
    private static final class TimeLimit {
        private final HttpPost request;
        private boolean finished;
        private boolean expired;

        TimeLimit(HttpPost request) {
            this.request = request;
        }

        synchronized void expire() {
            if (!finished) {
                expired = true;
                request.cancel();
            }
        }

        /** @return whether the limit ran out */
        synchronized boolean finish() {
            finished = true;
            return expired;
        }
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
        http.close(CloseMode.GRACEFUL);
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
