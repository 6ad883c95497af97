package io.lantian.consult;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@link QueueWorker} on a {@link DueQueue} of its own (a table made for the test) in the real PostgreSQL: a key
 * whose work keeps failing holds up no other key, stays queued with its attempts and error, and is counted; a pass
 * waits while another queue worker's transaction has the turn.
 */
class QueueWorkerTest extends ConsultTestSupport {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    final String table = "due_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MeterRegistry meters = new SimpleMeterRegistry();

    /** Records the keys it worked off; fails whenever a claim holds the key "poison". */
    static final class TestWorker extends QueueWorker<String> {

        final List<String> done = new ArrayList<>();

        TestWorker(DueQueue<String> queue, TransactionTemplate tx, WorkerTurns turns, MeterRegistry meters) {
            super("test-worker", queue, Duration.ofSeconds(2), 10, tx, turns, "test.due", "a test key", meters);
        }

        @Override
        protected void work(List<DueQueue.Claimed<String>> claimed) {
            List<String> keys = claimed.stream().map(DueQueue.Claimed::due).distinct().toList();
            if (keys.contains("poison")) {
                throw new IllegalStateException("poison in " + keys);
            }
            done.addAll(keys);
        }
    }

    /** A queue table as the service's (id, key, enqueued_at, attempts, last_error), keyed by {@code k}, and its worker. */
    TestWorker workerOnATableOfItsOwn() {
        return workerOnATableOfItsOwn(new WorkerTurns(1, meters));
    }

    TestWorker workerOnATableOfItsOwn(WorkerTurns turns) {
        jdbc.sql("create table " + table + " (id bigint generated always as identity primary key, k text not null,"
                + " enqueued_at timestamptz not null default now(), attempts int not null default 0, last_error text)").update();
        return new TestWorker(new DueQueue<>(jdbc, table, "k", (rs, n) -> rs.getString("k")), tx, turns, meters);
    }

    void queue(String key) {
        jdbc.sql("insert into " + table + " (k, enqueued_at) values (?, now() - interval '1 hour')").param(key).update();
    }

    @Test
    void aKeyWhoseWorkKeepsFailingHoldsUpNoOtherAndStaysQueuedWithItsError() {
        // given a queue where one of five keys (two rows each) always fails, all of them due
        TestWorker worker = workerOnATableOfItsOwn();
        for (String key : List.of("a", "b", "poison", "c", "d")) {
            queue(key);
            queue(key);
        }

        // when the worker passes twice
        worker.pass();
        worker.pass();

        // then every other key was worked off once, though the first batch held all five and failed
        assertThat(worker.done).containsExactlyInAnyOrder("a", "b", "c", "d");
        // and the failing key stays queued, both rows, with its attempts and its error
        List<Map<String, Object>> left = jdbc.sql("select k, attempts, last_error from " + table).query().listOfRows();
        assertThat(left).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("k")).isEqualTo("poison");
            assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(2);
            assertThat((String) row.get("last_error")).contains("IllegalStateException: poison");
        });
        // and every failed transaction is counted: the batch of five, then the key alone in each pass
        assertThat(meters.get("test.due.failures").counter().count()).isEqualTo(3);
        assertThat(meters.get("test.due.backlog").gauge().value()).isGreaterThanOrEqualTo(3600);
    }

    @Test
    void keysAreTakenOnlyOnceTheirOldestRowHasWaitedTheDelay() {
        TestWorker worker = workerOnATableOfItsOwn();
        // "late": its only row queued an hour from now; "due": one row an hour ago and one just now
        jdbc.sql("insert into " + table + " (k, enqueued_at) values ('late', now() + interval '1 hour')").update();
        queue("due");
        jdbc.sql("insert into " + table + " (k) values ('due')").update();

        assertThat(worker.pass()).isEqualTo(1);

        assertThat(worker.done).containsExactly("due");
        assertThat(jdbc.sql("select k from " + table).query(String.class).list()).containsExactly("late");
    }

    @Test
    void aPassWaitsWhileAnotherQueueWorkerHasTheTurn() throws Exception {
        // given one turn, held by another worker's transaction, and a due key
        WorkerTurns turns = new WorkerTurns(1, meters);
        TestWorker worker = workerOnATableOfItsOwn(turns);
        queue("a");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            threads.submit(() -> {
                turns.run(() -> {
                    holding.countDown();
                    awaitUninterruptibly(release);
                });
                return null;
            });
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

            // when the worker passes
            Future<Integer> pass = threads.submit(worker::pass);

            // then it takes nothing while the turn is held
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> !pass.isDone() && jdbc.sql("select count(*) from " + table).query(Integer.class).single() == 1);
            // and works the key off once the turn is free
            release.countDown();
            assertThat(pass.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(worker.done).containsExactly("a");
            assertThat(meters.get("lantian.consult.queue.turn.wait").timer().max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(500);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void turnsMustBeAtLeastOne() {
        assertThatThrownBy(() -> new WorkerTurns(0, meters)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concurrent-transactions");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
