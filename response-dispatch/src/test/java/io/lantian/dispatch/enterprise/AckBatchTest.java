package io.lantian.dispatch.enterprise;

import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.dispatch.DispatchTestSupport;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acknowledgements committed in batches (group commit), over real HTTP on the real database. To make a batch
 * certain rather than likely, each test first holds some orders' row locks in its own transaction: the acks of
 * those orders block every batcher, the acks sent meanwhile queue up, and they go in batches once the locks are
 * released.
 */
@TestPropertySource(properties = {
        "lantian.dispatch.reduction-list.seed-file=classpath:demo/mengjin-reduction-list-2026.json",
        "lantian.dispatch.acks.queue-capacity=64",
        // two batchers, not the shipped one: batches that run side by side (the same key in both) are the harder case
        "lantian.dispatch.acks.batchers=2"})
class AckBatchTest extends DispatchTestSupport {

    static final List<String> ENTERPRISES = List.of("91410308MA9F0001K3", "91410308MA9F0002L7", "91410308MA9F0003MB",
            "91410308MA9F0004NF", "91410308MA9F0005PK", "91410308MA9F0006QP");

    @Autowired
    DataSource dataSource;
    @Autowired
    MeterRegistry meters;
    @Autowired
    AckProperties acks;

    record Order(String orderId, String enterpriseId) {

        String path() {
            return "/api/v1/enterprise/orders/" + orderId + "/ack";
        }

        String token() {
            return TestTokens.enterprise(enterpriseId);
        }
    }

    /** Warnings for mengjin, each one order per listed enterprise: all their orders. */
    List<Order> orders(int warnings) throws Exception {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < warnings; i++) {
            String warningId = UUID.randomUUID().toString();
            publisher.publish(Topics.WARNINGS, "mengjin", new WarningEvent(warningId, 1, "mengjin", Action.ISSUED,
                    WarningLevel.YELLOW, Instant.now(), "test", "officer-zhang", Instant.now())).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> ofWarning(warningId).size() == ENTERPRISES.size());
            for (JsonNode order : ofWarning(warningId)) {
                orders.add(new Order(order.get("orderId").asString(), order.get("enterpriseId").asString()));
            }
        }
        return orders;
    }

    JsonNode ofWarning(String warningId) {
        return api.get("/api/v1/orders?warningId=" + warningId, TestTokens.officer()).json();
    }

    String status(Order order) {
        return jdbc.sql("select status from curtailment_order where order_id = ?").param(UUID.fromString(order.orderId()))
                .query(String.class).single();
    }

    double waiting() {
        return meters.get("lantian.acks.waiting").gauge().value();
    }

    /**
     * Holds the row locks of the first orders, one per batcher, and sends their acks one after the other, so that
     * every batcher blocks on one; returns the locks' connection (roll back to release) once all of them wait.
     */
    Connection blockBatchers(List<Order> orders, List<CompletableFuture<ApiClient.Response>> sent, ExecutorService clients)
            throws Exception {
        Connection lock = dataSource.getConnection();
        lock.setAutoCommit(false);
        for (int i = 0; i < acks.batchers(); i++) {
            Order order = orders.get(i);
            try (PreparedStatement select = lock.prepareStatement("select 1 from curtailment_order where order_id = ? for update")) {
                select.setObject(1, UUID.fromString(order.orderId()));
                select.executeQuery();
            }
            sent.add(send(clients, order, "{\"revision\":1}", UUID.randomUUID().toString()));
            int blocked = i + 1;
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                            select count(*) from pg_stat_activity
                            where wait_event_type = 'Lock' and query like '%curtailment_order%for update%'""")
                    .query(Integer.class).single() == blocked);
        }
        return lock;
    }

    CompletableFuture<ApiClient.Response> send(ExecutorService clients, Order order, String body, String key) {
        return CompletableFuture.supplyAsync(() -> api.postJson(order.path(), order.token(), body,
                Map.of(IdempotentRequests.HEADER, key)), clients);
    }

    @Test
    void concurrentAcksCommitTogetherAndEachGetsTheAnswerItWouldHaveGotAlone() throws Exception {
        List<Order> orders = orders(5);
        int b = acks.batchers(); // the first b orders block the batchers
        List<Order> plain = orders.subList(b, b + 18);
        Order keyed = orders.get(b + 18); // one key sent three times with the same body, once with another
        Order stale = orders.get(b + 19); // a stale revision, and the right one under another key
        Order foreign = orders.get(b + 20); // acknowledged with another enterprise's token
        Order other = orders.stream().filter(o -> !o.enterpriseId().equals(foreign.enterpriseId())).findFirst().orElseThrow();
        double acksTimed = meters.get("lantian.order.ack").tag("level", "YELLOW").timer().count();

        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<CompletableFuture<ApiClient.Response>> sent = new ArrayList<>();
            List<CompletableFuture<ApiClient.Response>> plainAnswers = new ArrayList<>();
            try (Connection lock = blockBatchers(orders, sent, clients)) {
                for (Order order : plain) {
                    plainAnswers.add(send(clients, order, "{\"revision\":1,\"note\":\"batch\"}", UUID.randomUUID().toString()));
                }
                String key = "ack-" + keyed.orderId();
                List<CompletableFuture<ApiClient.Response>> sameKey = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    sameKey.add(send(clients, keyed, "{\"revision\":1,\"note\":\"same\"}", key));
                }
                CompletableFuture<ApiClient.Response> reused = send(clients, keyed, "{\"revision\":1,\"note\":\"different\"}", key);
                CompletableFuture<ApiClient.Response> staleAnswer = send(clients, stale, "{\"revision\":2}", UUID.randomUUID().toString());
                CompletableFuture<ApiClient.Response> staleRight = send(clients, stale, "{\"revision\":1}", UUID.randomUUID().toString());
                CompletableFuture<ApiClient.Response> foreignAnswer = CompletableFuture.supplyAsync(() -> api.postJson(
                        foreign.path(), TestTokens.enterprise(other.enterpriseId()), "{\"revision\":1}",
                        Map.of(IdempotentRequests.HEADER, UUID.randomUUID().toString())), clients);
                int queued = plain.size() + 4 + 2 + 1;
                await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == queued);
                lock.rollback(); // the batchers go on: first the blockers, then what queued meanwhile

                for (CompletableFuture<ApiClient.Response> answer : plainAnswers) {
                    assertThat(answer.get().status()).isEqualTo(200);
                    assertThat(answer.get().json().get("status").asString()).isEqualTo("ACKNOWLEDGED");
                    assertThat(answer.get().json().get("ackNote").asString()).isEqualTo("batch");
                }
                List<ApiClient.Response> repeats = new ArrayList<>();
                for (CompletableFuture<ApiClient.Response> answer : sameKey) {
                    repeats.add(answer.get());
                }
                // as if sequential: whichever of the two requests came first was applied, the other is refused 422
                assertThat(repeats).extracting(ApiClient.Response::status).containsOnly(repeats.get(0).status());
                assertThat(List.of(repeats.get(0).status(), reused.get().status())).containsExactlyInAnyOrder(200, 422);
                ApiClient.Response applied = repeats.get(0).status() == 200 ? repeats.get(0) : reused.get();
                assertThat(applied.json().get("status").asString()).isEqualTo("ACKNOWLEDGED");
                if (repeats.get(0).status() == 200) {
                    assertThat(repeats).extracting(ApiClient.Response::body).containsOnly(repeats.get(0).body());
                }
                assertThat((repeats.get(0).status() == 422 ? repeats.get(0) : reused.get()).json().get("type").asString())
                        .isEqualTo("urn:lantian:problem:idempotency-key-reused");

                assertThat(staleAnswer.get().status()).isEqualTo(409);
                assertThat(staleAnswer.get().json().get("type").asString()).isEqualTo("urn:lantian:problem:revision-mismatch");
                assertThat(staleRight.get().status()).isEqualTo(200);
                assertThat(foreignAnswer.get().status()).isEqualTo(404);
                for (CompletableFuture<ApiClient.Response> answer : sent) {
                    assertThat(answer.get().status()).isEqualTo(200);
                }
            }

            assertThat(plain).allMatch(order -> status(order).equals("ACKNOWLEDGED"));
            assertThat(status(keyed)).isEqualTo("ACKNOWLEDGED");
            assertThat(status(stale)).isEqualTo("ACKNOWLEDGED");
            assertThat(status(foreign)).isNotEqualTo("ACKNOWLEDGED");
            String[] plainIds = plain.stream().map(Order::orderId).toArray(String[]::new);
            assertThat(jdbc.sql("select count(distinct acknowledged_at) from curtailment_order where order_id = any(?::uuid[])")
                    .param(plainIds).query(Integer.class).single()).as("committed in one transaction").isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from order_history where order_id = ? and status = 'STALE_ANSWER'")
                    .param(UUID.fromString(stale.orderId())).query(Integer.class).single()).as("the stale answer is recorded").isEqualTo(1);
            assertThat(jdbc.sql("""
                            select count(*) from order_history where order_id = any(?::uuid[]) and status = 'ACKNOWLEDGED'
                              and note = 'batch' and actor = 'enterprise:' || (select enterprise_id from curtailment_order o
                                                                                 where o.order_id = order_history.order_id)""")
                    .param(plainIds).query(Integer.class).single()).as("one history row each, by its own enterprise")
                    .isEqualTo(plain.size());
            assertThat(jdbc.sql("select count(*) from order_escalation_step where order_id = any(?::uuid[]) and state = 'PENDING'")
                    .param(plainIds).query(Integer.class).single()).as("escalation stopped").isZero();
            assertThat(meters.get("lantian.order.ack").tag("level", "YELLOW").timer().count() - acksTimed)
                    .as("every acknowledgement timed").isEqualTo(plain.size() + 2 + b + 0.0);
            assertThat(meters.get("lantian.acks.batch.size").summary().max()).isGreaterThanOrEqualTo(plain.size());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void anAckThatFailsInABatchFailsAloneAndTheOthersAreApplied() throws Exception {
        List<Order> orders = orders(2);
        int b = acks.batchers();
        List<Order> good = orders.subList(b, b + 7);
        Order poisoned = orders.get(b + 7);
        String poison = "poison-" + UUID.randomUUID();
        // a database that refuses one history row: the batch holding it fails as a whole
        jdbc.sql("""
                create or replace function refuse_poison() returns trigger language plpgsql as $$
                begin
                  if new.note = '%s' then raise exception 'refused for the test'; end if;
                  return new;
                end $$""".formatted(poison)).update();
        jdbc.sql("create trigger refuse_poison before insert on order_history for each row execute function refuse_poison()").update();
        double failures = meters.get("lantian.acks.batch.failures").counter().count();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<ApiClient.Response>> sent = new ArrayList<>();
            List<CompletableFuture<ApiClient.Response>> goodAnswers = new ArrayList<>();
            CompletableFuture<ApiClient.Response> poisonedAnswer;
            try (Connection lock = blockBatchers(orders, sent, clients)) {
                for (Order order : good) {
                    goodAnswers.add(send(clients, order, "{\"revision\":1}", UUID.randomUUID().toString()));
                }
                poisonedAnswer = send(clients, poisoned, "{\"revision\":1,\"note\":\"" + poison + "\"}", UUID.randomUUID().toString());
                await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == good.size() + 1);
                lock.rollback();
            }
            for (CompletableFuture<ApiClient.Response> answer : goodAnswers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
            assertThat(poisonedAnswer.get().status()).isEqualTo(500);
            assertThat(poisonedAnswer.get().contentType()).startsWith("application/problem+json");
            assertThat(good).allMatch(order -> status(order).equals("ACKNOWLEDGED"));
            assertThat(status(poisoned)).isNotEqualTo("ACKNOWLEDGED");
            assertThat(meters.get("lantian.acks.batch.failures").counter().count() - failures).isEqualTo(1.0);
        } finally {
            clients.shutdownNow();
            jdbc.sql("drop trigger refuse_poison on order_history").update();
            jdbc.sql("drop function refuse_poison()").update();
        }
    }

    @Test
    void aFullQueueIsAnswered503WithRetryAfter() throws Exception {
        List<Order> orders = orders(12); // 72 orders: the blockers, 64 that fill the queue, the rest refused
        int b = acks.batchers();
        ExecutorService clients = Executors.newFixedThreadPool(72);
        try {
            List<CompletableFuture<ApiClient.Response>> sent = new ArrayList<>();
            try (Connection lock = blockBatchers(orders, sent, clients)) {
                List<CompletableFuture<ApiClient.Response>> queued = new ArrayList<>();
                for (Order order : orders.subList(b, b + 64)) {
                    queued.add(send(clients, order, "{\"revision\":1}", UUID.randomUUID().toString()));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 64);
                List<ApiClient.Response> refused = new ArrayList<>();
                for (Order order : orders.subList(b + 64, orders.size())) {
                    refused.add(api.postJson(order.path(), order.token(), "{\"revision\":1}",
                            Map.of(IdempotentRequests.HEADER, UUID.randomUUID().toString())));
                }
                for (ApiClient.Response response : refused) {
                    assertThat(response.status()).isEqualTo(503);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    assertThat(response.json().get("type").asString()).isEqualTo("urn:lantian:problem:acknowledgements-busy");
                    assertThat(response.raw().headers().firstValue("Retry-After")).hasValue("1");
                }
                lock.rollback();
                for (CompletableFuture<ApiClient.Response> answer : queued) {
                    assertThat(answer.get().status()).isEqualTo(200);
                }
            }
            assertThat(orders.subList(b + 64, orders.size())).allMatch(order -> !status(order).equals("ACKNOWLEDGED"));
        } finally {
            clients.shutdownNow();
        }
    }
}
