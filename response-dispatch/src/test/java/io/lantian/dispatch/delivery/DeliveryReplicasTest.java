package io.lantian.dispatch.delivery;

import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.dispatch.DispatchApplication;
import io.lantian.dispatch.DispatchTestSupport;
import io.lantian.dispatch.delivery.RecordingReceiver.Answer;
import io.lantian.dispatch.list.StoredWebhookSecrets;
import io.lantian.platform.ServiceApplication;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances of the dispatch service on one database and one broker. Two instances started beside
 * this test's context (whose own worker is off, so the claims below are the test's alone) deliver to one
 * endpoint: every order revision reaches it exactly once. Each instance may have two requests in flight to
 * an endpoint (its bulkhead), and the receiver holds the first requests until four are in flight at once, so
 * both instances provably took part. The claim itself is then checked head-on: two open claims take disjoint
 * rows without waiting for each other, and a result is recorded only by the claim that still holds.
 */
@TestPropertySource(properties = {
        "lantian.dispatch.delivery.enabled=false",
        DeliveryReplicasTest.POLL, DeliveryReplicasTest.CONCURRENCY, DeliveryReplicasTest.LEASE,
        DeliveryReplicasTest.TIME_LIMIT, DeliveryReplicasTest.BULKHEAD, DeliveryReplicasTest.BULKHEAD_WAIT})
class DeliveryReplicasTest extends DispatchTestSupport {

    static final String POLL = "lantian.dispatch.delivery.poll-interval=50ms";
    static final String CONCURRENCY = "lantian.dispatch.delivery.concurrency=4";
    static final String LEASE = "lantian.dispatch.delivery.lease=30s";
    static final String TIME_LIMIT = "resilience4j.timelimiter.configs.webhook.timeout-duration=6s";
    static final String BULKHEAD = "resilience4j.bulkhead.configs.webhook.max-concurrent-calls=2";
    static final String BULKHEAD_WAIT = "resilience4j.bulkhead.configs.webhook.max-wait-duration=6s";
    static final int ENTERPRISES = 12;

    @Autowired
    StoredWebhookSecrets secrets;

    /** Another instance of the service, on a port of its own, sharing the database and the broker. */
    static ConfigurableApplicationContext anotherInstance() {
        TestInfra.Database db = TestInfra.database();
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfra.kafkaBootstrap(),
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--lantian.security.hmac-secret=" + TestTokens.secret()));
        for (String property : List.of(POLL, CONCURRENCY, LEASE, TIME_LIMIT, BULKHEAD, BULKHEAD_WAIT)) {
            args.add("--" + property);
        }
        return ServiceApplication.builder(DispatchApplication.class, DispatchApplication.NAME).run(args.toArray(String[]::new));
    }

    @Test
    void twoInstancesAtOnceDeliverEachOrderRevisionExactlyOnce() throws Exception {
        CountDownLatch fourInFlight = new CountDownLatch(4);
        try (RecordingReceiver receiver = new RecordingReceiver();
             ConfigurableApplicationContext second = anotherInstance();
             ConfigurableApplicationContext third = anotherInstance()) {
            receiver.answering(request -> {
                fourInFlight.countDown();
                try {
                    fourInFlight.await(3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Answer.of(200, "ok");
            });
            WebhookEnterprises region = new WebhookEnterprises(jdbc, publisher, secrets);
            String secret = WebhookSecret.generate();
            for (int i = 0; i < ENTERPRISES; i++) {
                region.add(receiver.url(), secret);
            }
            String warningId = region.issue(WarningLevel.YELLOW);
            List<String> orders = region.awaitOrders(warningId, 1, ENTERPRISES);
            await().atMost(Duration.ofSeconds(60)).until(() -> orders.stream().allMatch(o -> region.status(o).equals("DELIVERED")));

            region.warn(warningId, 2, Action.CHANGED, WarningLevel.ORANGE);
            await().atMost(Duration.ofSeconds(60)).until(() -> orders.stream().allMatch(o ->
                    region.deliveryState(o, 2).equals("DELIVERED") && region.status(o).equals("DELIVERED")));

            List<String> expected = new ArrayList<>();
            orders.forEach(o -> expected.addAll(List.of(o + ".r1", o + ".r2")));
            assertThat(RecordingReceiver.ids(receiver.received())).as("each revision exactly once")
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(receiver.received()).allMatch(r -> StandardWebhooksVerifier.verify(secret, r.headers(), r.body(),
                    Instant.now()));
            for (String order : orders) {
                assertThat(region.historyCount(order, "DELIVERED")).as("one DELIVERED per revision").isEqualTo(2);
                assertThat(region.eventCount(order, 1, "DELIVERED")).isEqualTo(1);
                assertThat(region.eventCount(order, 2, "DELIVERED")).isEqualTo(1);
            }
            List<UUID> orderIds = orders.stream().map(UUID::fromString).toList();
            assertThat(jdbc.sql("select attempts from delivery where order_id in (:orders)").param("orders", orderIds)
                    .query(Integer.class).list()).hasSize(2 * ENTERPRISES).containsOnly(1);
            assertThat(fourInFlight.getCount()).as("four requests were in flight together").isZero();
            assertThat(receiver.maxInFlight()).as("more than one instance's bulkhead allows").isGreaterThanOrEqualTo(4);
            assertThat(jdbc.sql("""
                            select count(distinct a.instance) from delivery_attempt a join delivery d on d.delivery_id = a.delivery_id
                            where d.order_id in (:orders)""")
                    .param("orders", orderIds).query(Integer.class).single()).as("instances that delivered").isEqualTo(2);
        }
    }

    @Autowired
    DeliveryStore store;
    @Autowired
    TransactionTemplate tx;

    static List<UUID> ids(List<DeliveryStore.Claimed> claimed) {
        return claimed.stream().map(DeliveryStore.Claimed::deliveryId).toList();
    }

    /** Records a successful attempt for the claim as {@code instance}. @return whether the claim held */
    boolean recorded(DeliveryStore.Claimed claimed, String instance) {
        AttemptResult ok = new AttemptResult(Instant.now(), AttemptOutcome.DELIVERED, 200, Duration.ofMillis(3), "ok", null, null);
        return Boolean.TRUE.equals(tx.execute(status -> store.record(claimed, instance, ok, DeliveryStore.Decision.DELIVERED, null)));
    }

    @Test
    void openClaimsTakeDisjointRowsWithoutWaitingAndOnlyTheClaimThatHoldsRecords() throws Exception {
        WebhookEnterprises region = new WebhookEnterprises(jdbc, publisher, secrets);
        String enterprise = region.add("http://127.0.0.1:9/unused", WebhookSecret.generate());
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // due long ago, so they come before anything else that may be due
            WebhookMessage message = WebhookMessage.forTest(UUID.randomUUID().toString(), enterprise, region.regionId, Instant.now());
            due.add(jdbc.sql("""
                            insert into delivery (delivery_id, order_id, revision, enterprise_id, test, event_type, message_id,
                              payload, state, next_attempt_at)
                            values (?, ?, 1, ?, true, ?, ?, ?, 'PENDING', timestamptz '2000-01-01 00:00:00Z' + make_interval(mins => ?))
                            returning delivery_id""")
                    .params(UUID.randomUUID(), UUID.fromString(message.id().replace(".r1", "")), enterprise, message.type(),
                            message.id(), message.body(), i)
                    .query(UUID.class).single());
        }
        ExecutorService replicaA = Executors.newSingleThreadExecutor();
        CountDownLatch claimedByA = new CountDownLatch(1);
        CountDownLatch commitA = new CountDownLatch(1);
        try {
            Future<List<DeliveryStore.Claimed>> a = replicaA.submit(() -> tx.execute(status -> {
                List<DeliveryStore.Claimed> claimed = store.claim("replica-a", 3, Duration.ofSeconds(30));
                claimedByA.countDown();
                try {
                    commitA.await(10, TimeUnit.SECONDS); // A's claim stays open (uncommitted) meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return claimed;
            }));
            assertThat(claimedByA.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            List<DeliveryStore.Claimed> b = tx.execute(status -> store.claim("replica-b", 3, Duration.ofSeconds(30)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            commitA.countDown();
            List<DeliveryStore.Claimed> claimedA = a.get(20, TimeUnit.SECONDS);

            assertThat(took).as("B did not wait for A's open claim").isLessThan(Duration.ofSeconds(2));
            assertThat(ids(claimedA)).containsExactlyElementsOf(due.subList(0, 3));
            assertThat(ids(b)).as("B skipped the rows A holds").containsExactlyElementsOf(due.subList(3, 6));

            // A's lease runs out (A hung): C claims the delivery again, and A's late result no longer counts
            DeliveryStore.Claimed abandoned = claimedA.get(0);
            jdbc.sql("update delivery set lease_until = now() - interval '1 second' where delivery_id = ?")
                    .param(abandoned.deliveryId()).update();
            List<DeliveryStore.Claimed> c = tx.execute(status -> store.claim("replica-c", 1, Duration.ofSeconds(30)));
            assertThat(ids(c)).containsExactly(abandoned.deliveryId());
            assertThat(c.get(0).attempts()).isEqualTo(2);
            assertThat(recorded(abandoned, "replica-a"))
                    .as("fenced: A's claim no longer holds").isFalse();
            assertThat(recorded(c.get(0), "replica-c"))
                    .isTrue();
            assertThat(recorded(claimedA.get(1), "replica-b"))
                    .as("only the claiming worker records").isFalse();
            assertThat(jdbc.sql("select decision from delivery_attempt where delivery_id = ? order by id")
                    .param(abandoned.deliveryId()).query(String.class).list()).containsExactly("LEASE_LOST", "DELIVERED");
        } finally {
            commitA.countDown();
            replicaA.shutdownNow();
            jdbc.sql("update delivery set state = 'DROPPED', lease_until = null where delivery_id in (:ids) and state <> 'DELIVERED'")
                    .param("ids", due).update();
        }
    }
}
