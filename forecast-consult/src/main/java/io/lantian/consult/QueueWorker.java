package io.lantian.consult;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Works off a {@link DueQueue} on a thread of its own, a pass every quarter of the queue's delay (20 ms to 1 s apart,
 * so a key is taken at most that late). A pass claims the due keys in batches, each in one transaction that does
 * their {@link #work} and deletes their rows; then it retries keys whose work failed before, one per transaction.
 *
 * <p>A failed transaction leaves its rows queued (nothing is dropped) and counts an attempt on them, with the error
 * ({@code attempts}, {@code last_error} in the table). So a key that keeps failing (a bug, bad data) holds up no
 * other: the keys of its batch are retried each alone, after the fresh ones, those failed least often first, and a
 * pass stops retrying at the first that fails again. Two meters show it: {@code <meter>.failures} counts failed
 * transactions, and {@code <meter>.backlog} (seconds) is the age of the oldest row, read from the table at each
 * scrape, so it grows even while the worker itself is stuck.
 *
 * @param <T> what a queued row holds
 */
public abstract class QueueWorker<T> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);

    private final String name;
    private final DueQueue<T> queue;
    private final Duration delay;
    private final int batchSize;
    private final TransactionTemplate tx;
    private final WorkerTurns turns;
    private final Duration checkInterval;
    private final Counter failures;
    private volatile ScheduledExecutorService thread;
    private volatile boolean stopping;

    /**
     * @param name      the thread's name, and what the log calls the work
     * @param batchSize keys claimed per transaction at most
     * @param turns     shared by the instance's queue workers: their transactions take turns
     * @param meter     the meters' name prefix
     * @param what      what a row waits for, for the meters' descriptions
     */
    protected QueueWorker(String name, DueQueue<T> queue, Duration delay, int batchSize, TransactionTemplate tx,
                          WorkerTurns turns, String meter, String what, MeterRegistry meters) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException(name + ": the delay must not be negative, was " + delay);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException(name + ": the batch size must be at least 1, was " + batchSize);
        }
        this.name = name;
        this.queue = queue;
        this.delay = delay;
        this.batchSize = batchSize;
        this.tx = tx;
        this.turns = turns;
        this.checkInterval = Duration.ofMillis(Math.min(1_000, Math.max(20, delay.toMillis() / 4)));
        this.failures = Counter.builder(meter + ".failures")
                .description("Transactions that failed and left their rows queued: " + what).register(meters);
        Gauge.builder(meter + ".backlog", queue, QueueWorker::backlogSeconds)
                .description("Age of the oldest row waiting (0: none; up to the delay is normal): " + what)
                .baseUnit("seconds").register(meters);
    }

    private static double backlogSeconds(DueQueue<?> queue) {
        try {
            return queue.oldestAgeSeconds();
        } catch (RuntimeException e) {
            return Double.NaN; // the database is unreachable: unknown, which a scrape shows as such
        }
    }

    /** The work of the claimed rows (all rows of each key claimed), in the transaction that claimed them. */
    protected abstract void work(List<DueQueue.Claimed<T>> claimed);

    /**
     * Works off everything due that no one else holds: the fresh keys in batches, then the keys that failed before,
     * one at a time, until one fails again.
     *
     * @return keys worked off
     */
    public int pass() {
        int done = 0;
        Outcome batch;
        do {
            batch = once(false);
            done += batch.keys();
        } while (batch.keys() == batchSize || batch.failed());
        Outcome retried;
        do {
            retried = once(true);
            done += retried.failed() ? 0 : retried.keys();
        } while (retried.keys() > 0 && !retried.failed());
        return done;
    }

    private record Outcome(int keys, boolean failed) {
    }

    /** One transaction: claims, works, deletes; on failure, counts an attempt on what it had claimed. */
    private Outcome once(boolean retried) {
        List<DueQueue.Claimed<T>> claimed = new ArrayList<>();
        try {
            turns.run(() -> tx.executeWithoutResult(status -> {
                claimed.addAll(retried ? queue.claimRetried(delay) : queue.claim(delay, batchSize));
                if (!claimed.isEmpty()) {
                    work(claimed);
                    queue.delete(claimed);
                }
            }));
            return new Outcome(keys(claimed), false);
        } catch (InterruptedException e) {
            // stopping while waiting for a turn: nothing was claimed
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted while waiting for its turn", e);
        } catch (RuntimeException e) {
            if (claimed.isEmpty() || stopping) {
                // not even claimed: the database itself is the trouble, and the next pass tries again; or stopping,
                // when a pass cut short by the interrupt says nothing about its keys
                throw e;
            }
            failures.increment();
            log.warn("{} failed for {} key(s); their rows stay queued and are retried one by one: {}", name, keys(claimed),
                    e.toString());
            String error = e.toString();
            tx.executeWithoutResult(status -> queue.failed(claimed, error.length() > 1_000 ? error.substring(0, 1_000) : error));
            return new Outcome(keys(claimed), true);
        }
    }

    private static int keys(List<? extends DueQueue.Claimed<?>> claimed) {
        return (int) claimed.stream().map(DueQueue.Claimed::key).distinct().count();
    }

    private void passLogged() {
        try {
            pass();
        } catch (RuntimeException e) {
            if (stopping) {
                return; // the database may be going away
            }
            failures.increment();
            log.warn("{} failed; the rows stay queued and are retried: {}", name, e.toString());
        }
    }

    @Override
    public void start() {
        stopping = false;
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
        thread = worker;
        worker.scheduleWithFixedDelay(this::passLogged, checkInterval.toMillis(), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        stopping = true;
        ScheduledExecutorService worker = thread;
        thread = null;
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
