package io.lantian.consult;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Works off a {@link DueQueue} on a thread of its own: a pass every quarter of the queue's delay (20 ms to 1 s
 * apart, so a key is taken at most that late), until {@link #pass()} finds nothing due. A pass that fails leaves its
 * rows queued for the next one (nothing is dropped); two meters make that visible: {@code <meter>.failures} counts
 * failed passes, and {@code <meter>.backlog} (seconds) is the age of the oldest row, read from the table at each
 * scrape, so it grows even while the worker itself is stuck.
 */
public abstract class QueueWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);

    private final String name;
    private final Duration checkInterval;
    private final Counter failures;
    private volatile ScheduledExecutorService thread;

    /**
     * @param name  the thread's name, and what the log calls the work
     * @param meter the meters' name prefix
     * @param what  what a row waits for, for the meters' descriptions
     */
    protected QueueWorker(String name, Duration delay, DueQueue<?> queue, String meter, String what, MeterRegistry meters) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException(name + ": the delay must not be negative, was " + delay);
        }
        this.name = name;
        this.checkInterval = Duration.ofMillis(Math.min(1_000, Math.max(20, delay.toMillis() / 4)));
        this.failures = Counter.builder(meter + ".failures")
                .description("Passes that failed and left their rows queued: " + what).register(meters);
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

    /**
     * One transaction's work: claims due rows, does their work and deletes them.
     *
     * @return how many keys were claimed; the worker passes again at once while a pass takes a full batch
     */
    protected abstract int passOnce();

    /** The batch a pass claims at most: a pass that took this many keys is followed by another one at once. */
    protected abstract int batchSize();

    /**
     * Works off everything due that no one else holds.
     *
     * @return keys worked off
     */
    public int pass() {
        int done = 0;
        int batch;
        do {
            batch = passOnce();
            done += batch;
        } while (batch == batchSize());
        return done;
    }

    private void passLogged() {
        try {
            pass();
        } catch (RuntimeException e) {
            if (thread == null || thread.isShutdown()) {
                return; // stopping: the database may be going away
            }
            failures.increment();
            log.warn("{} failed; the rows stay queued and are retried: {}", name, e.toString());
        }
    }

    @Override
    public void start() {
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
