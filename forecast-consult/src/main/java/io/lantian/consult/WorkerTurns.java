package io.lantian.consult;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Turns for the {@link QueueWorker}s' transactions: at most {@code lantian.consult.queue-workers.concurrent-transactions}
 * of them run at once in this instance (default 1), the others wait for a turn.
 *
 * <p>Why: the queue workers (region AQI, region medians) do the heavy set-based work, statements of tens to hundreds of
 * milliseconds of database CPU, and their keys tend to fall due together (a new hour's readings reach every region
 * within seconds). Running at once they take a core each, which on a small database host leaves the reading
 * consumers' short transactions waiting for a core: the station alerts of those moments came hundreds of milliseconds
 * late (docs/benchmarks.md, detection Runs N). Taking turns costs the workers nothing they need: each is busy a few
 * percent of the time, and their keys wait seconds on purpose (the queues' delays).
 */
@Component
public class WorkerTurns {

    private final Semaphore turns;
    private final Timer waits;

    public WorkerTurns(@Value("${lantian.consult.queue-workers.concurrent-transactions:1}") int concurrent, MeterRegistry meters) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("lantian.consult.queue-workers.concurrent-transactions must be at least 1, was "
                    + concurrent);
        }
        this.turns = new Semaphore(concurrent, true);
        this.waits = Timer.builder("lantian.consult.queue.turn.wait")
                .description("Time a queue worker's transaction waited for its turn").register(meters);
    }

    /** Runs {@code work} in a turn, waiting for one first. */
    void run(Runnable work) throws InterruptedException {
        long start = System.nanoTime();
        turns.acquire();
        waits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        try {
            work.run();
        } finally {
            turns.release();
        }
    }
}
