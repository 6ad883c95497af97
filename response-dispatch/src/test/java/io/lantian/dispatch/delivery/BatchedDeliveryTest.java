package io.lantian.dispatch.delivery;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.dispatch.DispatchTestSupport;
import io.lantian.dispatch.delivery.DeliveryStore.Attempted;
import io.lantian.dispatch.delivery.DeliveryStore.Claimed;
import io.lantian.dispatch.delivery.DeliveryStore.Decision;
import io.lantian.dispatch.list.StoredWebhookSecrets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batched parts of delivery, with this context's worker off (so neither its poll nor its claims interfere):
 * a warning's new orders come with their deliveries in the transaction that creates them, and attempts recorded
 * together by the {@link AttemptRecorder} change exactly what their claims still hold — each order one
 * transition, one history row and one event — and log a LEASE_LOST attempt where a claim was lost.
 */
@TestPropertySource(properties = {
        "lantian.dispatch.delivery.enabled=false",
        DeliveryReplicasTest.POLL, DeliveryReplicasTest.CONCURRENCY, DeliveryReplicasTest.LEASE,
        DeliveryReplicasTest.TIME_LIMIT, DeliveryReplicasTest.BULKHEAD, DeliveryReplicasTest.BULKHEAD_WAIT})
class BatchedDeliveryTest extends DispatchTestSupport {

    @Autowired
    StoredWebhookSecrets secrets;
    @Autowired
    DeliveryStore store;
    @Autowired
    OrderDeliveryTransitions orderTransitions;
    @Autowired
    TransactionTemplate tx;

    @Test
    void aWarningsOrdersComeWithTheirDeliveries() throws Exception {
        WebhookEnterprises region = new WebhookEnterprises(jdbc, publisher, secrets);
        String secret = WebhookSecret.generate();
        for (int i = 0; i < 3; i++) {
            region.add("http://127.0.0.1:9/unused", secret);
        }
        region.add("PULL", null, null);
        List<String> orders = region.awaitOrders(region.issue(WarningLevel.YELLOW), 1, 4);

        // no worker polls here: the deliveries were written by the transaction that created the orders
        assertThat(orders.subList(0, 3)).allSatisfy(o -> assertThat(region.deliveryState(o, 1)).isEqualTo("PENDING"));
        assertThat(region.deliveryState(orders.get(3), 1)).as("a pull enterprise gets no delivery").isEqualTo("NONE");
        jdbc.sql("update delivery set state = 'DROPPED' where order_id in (:orders)")
                .param("orders", orders.stream().map(UUID::fromString).toList()).update();
    }

    @Test
    void attemptsRecordedTogetherChangeOnlyWhatTheirClaimsStillHold() throws Exception {
        WebhookEnterprises region = new WebhookEnterprises(jdbc, publisher, secrets);
        String secret = WebhookSecret.generate();
        for (int i = 0; i < 3; i++) {
            region.add("http://127.0.0.1:9/unused", secret);
        }
        List<String> orders = region.awaitOrders(region.issue(WarningLevel.YELLOW), 1, 3);
        List<UUID> orderIds = orders.stream().map(UUID::fromString).toList();
        // due before anything else in the shared database, so the claims below take exactly these
        jdbc.sql("update delivery set next_attempt_at = timestamptz '1999-01-01 00:00:00Z' where order_id in (:orders)")
                .param("orders", orderIds).update();
        List<Claimed> claimed = tx.execute(status -> store.claim("replica-a", 3, Duration.ofSeconds(30)));
        assertThat(claimed).extracting(Claimed::orderId).containsExactlyInAnyOrderElementsOf(orderIds);
        Claimed delivered = claimed.get(0);
        Claimed failed = claimed.get(1);
        Claimed lost = claimed.get(2);
        // the third's lease runs out and replica C claims it meanwhile: A's result for it no longer counts
        jdbc.sql("update delivery set lease_until = now() - interval '1 second' where delivery_id = ?")
                .param(lost.deliveryId()).update();
        List<Claimed> reclaimed = tx.execute(status -> store.claim("replica-c", 1, Duration.ofSeconds(30)));
        assertThat(reclaimed).extracting(Claimed::deliveryId).containsExactly(lost.deliveryId());

        AttemptResult ok = new AttemptResult(Instant.now(), AttemptOutcome.DELIVERED, 204, Duration.ofMillis(2), "", null, null);
        AttemptResult serverError = new AttemptResult(Instant.now(), AttemptOutcome.SERVER_ERROR, 500, Duration.ofMillis(2),
                "boom", null, null);
        Set<UUID> held = ConcurrentHashMap.newKeySet();
        AtomicInteger recorded = new AtomicInteger();
        AttemptRecorder recorder = new AttemptRecorder(store, orderTransitions, tx, "replica-a", 10, (batch, h) -> {
            held.addAll(h);
            recorded.addAndGet(batch.size());
        });
        try {
            recorder.submit(new Attempted(delivered, ok, Decision.DELIVERED, null));
            recorder.submit(new Attempted(failed, serverError, Decision.UNDELIVERABLE, null));
            recorder.submit(new Attempted(lost, ok, Decision.DELIVERED, null));
            await().atMost(Duration.ofSeconds(10)).until(() -> recorded.get() == 3);
        } finally {
            recorder.stop(Duration.ofSeconds(5));
        }

        assertThat(held).containsExactlyInAnyOrder(delivered.deliveryId(), failed.deliveryId());
        String deliveredOrder = delivered.orderId().toString();
        String failedOrder = failed.orderId().toString();
        String lostOrder = lost.orderId().toString();
        assertThat(region.status(deliveredOrder)).isEqualTo("DELIVERED");
        assertThat(region.historyCount(deliveredOrder, "DELIVERED")).isEqualTo(1);
        assertThat(region.eventCount(deliveredOrder, 1, "DELIVERED")).isEqualTo(1);
        assertThat(region.status(failedOrder)).isEqualTo("UNDELIVERABLE");
        assertThat(region.historyCount(failedOrder, "UNDELIVERABLE")).isEqualTo(1);
        assertThat(region.eventCount(failedOrder, 1, "UNDELIVERABLE")).isEqualTo(1);
        assertThat(region.status(lostOrder)).as("the lost claim changed nothing").isEqualTo("PENDING");
        assertThat(region.historyCount(lostOrder, "DELIVERED")).isZero();
        assertThat(region.deliveryState(lostOrder, 1)).isEqualTo("IN_FLIGHT");
        assertThat(decisions(delivered)).containsExactly("DELIVERED");
        assertThat(decisions(failed)).containsExactly("UNDELIVERABLE");
        assertThat(decisions(lost)).as("the attempt happened, so it is logged").containsExactly("LEASE_LOST");

        jdbc.sql("update delivery set state = 'DROPPED', lease_until = null where delivery_id = ?")
                .param(lost.deliveryId()).update();
    }

    private List<String> decisions(Claimed claimed) {
        return jdbc.sql("select decision from delivery_attempt where delivery_id = ? order by id")
                .param(claimed.deliveryId()).query(String.class).list();
    }
}
