package io.lantian.dispatch.enterprise;

import io.lantian.dispatch.enterprise.IdempotentRequests.Keyed;
import io.lantian.dispatch.order.OrderService;
import io.lantian.dispatch.order.OrderService.Ack;
import io.lantian.dispatch.order.OrderService.AckOutcome;
import io.lantian.platform.problem.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Group commit of enterprise acknowledgements: the acks that arrive while one batch is being committed wait in a
 * bounded queue and go together in the next — one transaction, a dozen set-based statements however many acks
 * (idempotency keys looked up and answers stored with one statement each; orders locked, changed, their history,
 * events and escalation stops written through {@link OrderService#acknowledgeAll}). Each request gets exactly
 * the answer it would have got alone ({@link IdempotentRequests#execute} + {@link OrderService#acknowledge}),
 * and only after the commit. Two acks with the same key, or of the same order, never go into one batch: the
 * later waits for the next, as if sequential. Should a batch fail, its acks are applied one by one the old way,
 * so one bad ack fails only itself. A full queue is answered 503 with Retry-After, never queued without bound.
 * Under light load a batch is a single ack and nothing waits. Several batchers take turns (one commits while
 * the next collects and applies): orders are locked in id order, so two batches never deadlock; two batches
 * with the same key at once end in a duplicate key for the later one, which is then applied one by one and
 * answered as a repeat.
 */
@Component
class AckBatcher {

    private static final Logger log = LoggerFactory.getLogger(AckBatcher.class);

    /** One waiting acknowledgement and the answer its HTTP request waits for. */
    private record Pending(Ack ack, String key, String request, Keyed keyed,
                           CompletableFuture<ResponseEntity<String>> answer) {

        List<String> sameKey() {
            return List.of(keyed.enterpriseId(), keyed.key());
        }
    }

    /** A request's answer, or the refusal to throw for it. */
    private record Result(ResponseEntity<String> answer, RuntimeException refusal) {

        static Result of(Supplier<ResponseEntity<String>> answer) {
            try {
                return new Result(answer.get(), null);
            } catch (RuntimeException refusal) {
                return new Result(null, refusal);
            }
        }
    }

    private final OrderService orders;
    private final IdempotentRequests idempotent;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final AckProperties properties;
    private final BlockingQueue<Pending> queue;
    private final DistributionSummary batchSizes;
    private final Counter failedBatches;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    AckBatcher(OrderService orders, IdempotentRequests idempotent, TransactionTemplate tx, JdbcClient jdbc,
               AckProperties properties, MeterRegistry meters) {
        this.orders = orders;
        this.idempotent = idempotent;
        this.tx = tx;
        this.jdbc = jdbc;
        this.properties = properties;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.batchSizes = DistributionSummary.builder("lantian.acks.batch.size")
                .description("acknowledgements applied in one transaction").register(meters);
        this.failedBatches = Counter.builder("lantian.acks.batch.failures")
                .description("batches of acknowledgements that failed and were applied one by one").register(meters);
        Gauge.builder("lantian.acks.waiting", queue, BlockingQueue::size)
                .description("acknowledgements waiting for a batch").register(meters);
        for (int i = 0; i < properties.batchers(); i++) {
            Thread thread = new Thread(this::run, "ack-batcher-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** What {@link IdempotentRequests#execute} of {@link OrderService#acknowledge} answers, applied in a batch. */
    ResponseEntity<String> acknowledge(Ack ack, String key, String request) {
        IdempotentRequests.requireKey(key);
        String hash = IdempotentRequests.sha256(request);
        // a repeat is looked up in its batch too (one query for all), not by a statement of its own
        Pending pending = new Pending(ack, key, request, new Keyed(ack.enterpriseId(), key, hash), new CompletableFuture<>());
        if (stopping || !queue.offer(pending)) {
            throw busy();
        }
        try {
            return pending.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException refusal) {
                throw refusal;
            }
            throw e;
        }
    }

    private ApiProblem busy() {
        long seconds = Math.max(1, properties.retryAfter().toSeconds());
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "acknowledgements-busy", "Service Unavailable",
                "too many acknowledgements are waiting to be recorded; send this one again (same " + IdempotentRequests.HEADER
                        + ") after " + seconds + " s");
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return problem;
    }

    /** Applies what is queued, then stops; later requests are answered 503. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }

    private void run() {
        List<Pending> carried = new ArrayList<>();
        while (!(stopping && queue.isEmpty() && carried.isEmpty())) {
            List<Pending> batch = new ArrayList<>(carried);
            carried.clear();
            try {
                // drained at once (under the queue's lock): what has queued goes together, not split between batchers
                queue.drainTo(batch, properties.maxBatch() - batch.size());
                if (batch.isEmpty()) {
                    Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, properties.maxBatch() - 1);
                }
                // one ack per key and per order in a batch; the others wait for the next one, in arrival order
                Set<List<String>> keys = new HashSet<>();
                Set<UUID> orderIds = new HashSet<>();
                List<Pending> now = new ArrayList<>();
                for (Pending pending : batch) {
                    boolean first = !keys.contains(pending.sameKey()) && !orderIds.contains(pending.ack().orderId());
                    keys.add(pending.sameKey());
                    orderIds.add(pending.ack().orderId());
                    (first ? now : carried).add(pending);
                }
                apply(now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(pending -> pending.answer().completeExceptionally(busy()));
                carried.forEach(pending -> pending.answer().completeExceptionally(busy()));
                return;
            } catch (RuntimeException e) {
                // not expected (apply answers every request); never leave a request waiting
                log.error("Acknowledgement batch failed", e);
                batch.forEach(pending -> pending.answer().completeExceptionally(e));
                carried.clear();
            }
        }
    }

    private void apply(List<Pending> batch) {
        List<Result> results;
        batchSizes.record(batch.size());
        long start = System.nanoTime();
        try {
            results = tx.execute(status -> applyTogether(batch));
            log.debug("{} acknowledgements applied together in {} ms", batch.size(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            failedBatches.increment();
            log.warn("Applying {} acknowledgements together failed ({}); applying them one by one", batch.size(), e.toString());
            results = batch.stream().map(this::applyAlone).toList();
        }
        // answered only now: the batch has committed (or, one by one, each its own transaction)
        for (int i = 0; i < batch.size(); i++) {
            Result result = results.get(i);
            if (result.refusal() == null) {
                batch.get(i).answer().complete(result.answer());
            } else {
                batch.get(i).answer().completeExceptionally(result.refusal());
            }
        }
    }

    /** In the batch's transaction: replays and key reuse, then the acks, then their answers stored. */
    private List<Result> applyTogether(List<Pending> batch) {
        // The batch's statements join arrays of 1 to max-batch keys with tables that grow by thousands of rows
        // within minutes of a warning. A generic plan, cached per connection once planned, keeps the shape it got
        // for the array and the table as they were then: planned while idempotent_request was empty, the key lookup
        // stayed a sequential scan (≈ 1 ms a batch at 8 000 rows and growing; docs/benchmarks.md, Runs K).
        // Custom plans see this batch's arrays and the tables' current size, for a fraction of that in planning.
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        Result[] results = new Result[batch.size()];
        Map<Keyed, Supplier<ResponseEntity<String>>> stored = idempotent.storedAll(batch.stream().map(Pending::keyed).toList());
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Supplier<ResponseEntity<String>> replay = stored.get(batch.get(i).keyed());
            if (replay != null) {
                results[i] = Result.of(replay); // stored meanwhile (e.g. by another replica): a replay or a 422
            } else {
                fresh.add(i);
            }
        }
        List<AckOutcome> outcomes = orders.acknowledgeAll(fresh.stream().map(i -> batch.get(i).ack()).toList());
        List<Integer> answered = new ArrayList<>();
        List<Object> views = new ArrayList<>();
        for (int j = 0; j < fresh.size(); j++) {
            AckOutcome outcome = outcomes.get(j);
            if (outcome.refusal() != null) {
                results[fresh.get(j)] = new Result(null, outcome.refusal()); // recorded (stale), not stored as an answer
            } else {
                answered.add(fresh.get(j));
                views.add(outcome.order());
            }
        }
        List<ResponseEntity<String>> answers = idempotent.storeAll(answered.stream().map(i -> batch.get(i).keyed()).toList(), views);
        for (int j = 0; j < answered.size(); j++) {
            results[answered.get(j)] = new Result(answers.get(j), null);
        }
        return List.of(results);
    }

    /** One ack in its own transaction, exactly the unbatched way. */
    private Result applyAlone(Pending pending) {
        Ack ack = pending.ack();
        return Result.of(() -> idempotent.execute(ack.enterpriseId(), pending.key(), pending.request(),
                () -> orders.acknowledge(ack.enterpriseId(), ack.orderId(), ack.revision(), ack.note(), ack.actor())));
    }
}
