package io.lantian.dispatch.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.dispatch.DispatchTestSupport;
import io.lantian.dispatch.delivery.RecordingReceiver.Answer;
import io.lantian.dispatch.list.StoredWebhookSecrets;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The circuit breaker of one endpoint opens when it keeps failing, short-circuits attempts while open (nothing
 * is sent), leaves other endpoints alone, and closes again once the endpoint recovers. Many attempts are
 * allowed here, so the orders outlast the open breaker.
 */
@TestPropertySource(properties = {
        "lantian.dispatch.delivery.poll-interval=50ms",
        "lantian.dispatch.delivery.max-attempts=200",
        "lantian.dispatch.delivery.initial-backoff=200ms",
        "lantian.dispatch.delivery.max-backoff=400ms",
        "lantian.dispatch.delivery.lease=20s",
        "resilience4j.timelimiter.configs.webhook.timeout-duration=2s",
        "resilience4j.bulkhead.configs.webhook.max-wait-duration=1s",
        "resilience4j.circuitbreaker.configs.webhook.sliding-window-size=4",
        "resilience4j.circuitbreaker.configs.webhook.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.configs.webhook.failure-rate-threshold=50",
        "resilience4j.circuitbreaker.configs.webhook.wait-duration-in-open-state=2s",
        "resilience4j.circuitbreaker.configs.webhook.permitted-number-of-calls-in-half-open-state=1"})
class WebhookCircuitBreakerTest extends DispatchTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    StoredWebhookSecrets secrets;
    @Autowired
    EndpointGuards guards;
    @Autowired
    MeterRegistry meters;

    double endpointsWithBreaker(String state) {
        return meters.get("lantian_webhook_circuits").tag("state", state).gauge().value();
    }

    /** Attempts logged for the orders' deliveries with this outcome. */
    int attempts(List<String> orderIds, String outcome) {
        return jdbc.sql("""
                        select count(*) from delivery_attempt a join delivery d on d.delivery_id = a.delivery_id
                        where d.order_id in (:orders) and a.outcome = :outcome""")
                .param("orders", orderIds.stream().map(UUID::fromString).toList()).param("outcome", outcome)
                .query(Integer.class).single();
    }

    int attempts(String orderId, String outcome) {
        return attempts(List.of(orderId), outcome);
    }

    /** Attempts logged for the orders' deliveries that went out on the wire. */
    int sent(List<String> orderIds) {
        return jdbc.sql("""
                        select count(*) from delivery_attempt a join delivery d on d.delivery_id = a.delivery_id
                        where d.order_id in (:orders) and a.outcome <> 'CIRCUIT_OPEN'""")
                .param("orders", orderIds.stream().map(UUID::fromString).toList()).query(Integer.class).single();
    }

    @Test
    void aFailingEndpointsBreakerOpensShortCircuitsSparesOtherEndpointsAndRecovers() throws Exception {
        try (RecordingReceiver failing = new RecordingReceiver(); RecordingReceiver healthy = new RecordingReceiver()) {
            failing.answering(request -> Answer.of(503, "down"));
            WebhookEnterprises region = new WebhookEnterprises(jdbc, publisher, secrets);
            // two enterprises behind one integrator's endpoint share its breaker; a third has its own endpoint
            String first = region.add(failing.url(), WebhookSecret.generate());
            String second = region.add(failing.url(), WebhookSecret.generate());
            String other = region.add(healthy.url(), WebhookSecret.generate());
            String warningId = region.issue(WarningLevel.ORANGE);
            region.awaitOrders(warningId, 1, 3);
            List<String> sharing = List.of(region.orderOf(warningId, first), region.orderOf(warningId, second));
            String otherOrder = region.orderOf(warningId, other);
            CircuitBreaker breaker = guards.breakerFor(URI.create(failing.url()));

            await().atMost(WAIT).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
            // while open, attempts are made and logged, but not sent
            await().atMost(WAIT).until(() -> attempts(sharing, "CIRCUIT_OPEN") >= 4);
            assertThat(endpointsWithBreaker("open") + endpointsWithBreaker("half_open")).isGreaterThanOrEqualTo(1);

            // the other endpoint is not affected
            await().atMost(WAIT).until(() -> region.status(otherOrder).equals("DELIVERED"));
            assertThat(attempts(otherOrder, "DELIVERED")).isEqualTo(1);
            assertThat(guards.breakerFor(URI.create(healthy.url())).getState()).isEqualTo(CircuitBreaker.State.CLOSED);

            // the endpoint recovers: after the open wait a trial call succeeds, the breaker closes, orders flow
            failing.answering(request -> Answer.of(200, "up again"));
            await().atMost(WAIT).until(() -> sharing.stream().allMatch(o -> region.status(o).equals("DELIVERED")));
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(failing.received()).as("every attempt but the short-circuited ones reached the endpoint")
                    .hasSize(sent(sharing));
            assertThat(jdbc.sql("""
                            select count(*) from delivery_attempt a join delivery d on d.delivery_id = a.delivery_id
                            where d.order_id in (:orders) and a.outcome = 'CIRCUIT_OPEN' and a.latency_ms is null""")
                    .param("orders", sharing.stream().map(UUID::fromString).toList()).query(Integer.class).single())
                    .isEqualTo(attempts(sharing, "CIRCUIT_OPEN")).isGreaterThanOrEqualTo(4);
            for (String order : sharing) {
                assertThat(attempts(order, "DELIVERED")).as("delivered once").isEqualTo(1);
                assertThat(region.historyCount(order, "DELIVERED")).isEqualTo(1);
            }
        }
    }
}
