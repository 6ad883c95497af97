package io.lantian.dispatch.delivery;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A circuit breaker, a bulkhead and a time limiter per endpoint (scheme, host and port), made from the shared
 * resilience4j configurations named {@value #CONFIG} ({@code resilience4j.*.configs.webhook}). Per endpoint,
 * not per enterprise: several enterprises served by one integrator's endpoint share its health, and one
 * enterprise's dead endpoint never slows another's deliveries. resilience4j's own per-instance meters are off
 * (their names would carry endpoints into metric tags); {@code lantian_webhook_circuits{state}} counts the
 * endpoints per breaker state instead.
 */
@Component
public class EndpointGuards {

    public static final String CONFIG = "webhook";

    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final TimeLimiterRegistry timeLimiters;

    EndpointGuards(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters,
                   MeterRegistry meters) {
        // fail at start, not at the first delivery, when the configuration is missing
        breakers.getConfiguration(CONFIG).orElseThrow(() -> missing("circuitbreaker"));
        bulkheads.getConfiguration(CONFIG).orElseThrow(() -> missing("bulkhead"));
        timeLimiters.getConfiguration(CONFIG).orElseThrow(() -> missing("timelimiter"));
        this.breakers = breakers;
        this.bulkheads = bulkheads;
        this.timeLimiters = timeLimiters;
        for (CircuitBreaker.State state : List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN,
                CircuitBreaker.State.HALF_OPEN)) {
            Gauge.builder("lantian_webhook_circuits", breakers, registry -> endpointsIn(registry, state))
                    .tag("state", state.name().toLowerCase())
                    .description("webhook endpoints whose circuit breaker is in this state").register(meters);
        }
    }

    private static double endpointsIn(CircuitBreakerRegistry registry, CircuitBreaker.State state) {
        return registry.getAllCircuitBreakers().stream()
                .filter(breaker -> breaker.getName().startsWith(CONFIG + ":") && breaker.getState() == state).count();
    }

    /** The guards of one endpoint. */
    public record Guard(String endpoint, CircuitBreaker breaker, Bulkhead bulkhead, TimeLimiter timeLimiter) {
    }

    public Guard forUrl(URI url) {
        String endpoint = endpointOf(url);
        String name = CONFIG + ":" + endpoint;
        return new Guard(endpoint, breakers.circuitBreaker(name, CONFIG), bulkheads.bulkhead(name, CONFIG),
                timeLimiters.timeLimiter(name, CONFIG));
    }

    /** The circuit breaker of the endpoint serving this URL (created in the CLOSED state if none yet). */
    public CircuitBreaker breakerFor(URI url) {
        return forUrl(url).breaker();
    }

    /** {@code scheme://host:port}, the port written out, so http://x and http://x:80 are one endpoint. */
    static String endpointOf(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return url.getScheme().toLowerCase() + "://" + url.getHost().toLowerCase() + ":" + port;
    }

    Duration timeLimit() {
        return timeLimiters.getConfiguration(CONFIG).orElseThrow().getTimeoutDuration();
    }

    Duration bulkheadWait() {
        return bulkheads.getConfiguration(CONFIG).orElseThrow().getMaxWaitDuration();
    }

    private static IllegalStateException missing(String kind) {
        return new IllegalStateException("resilience4j." + kind + ".configs." + CONFIG + " is not configured");
    }
}
