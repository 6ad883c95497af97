package io.lantian.ingest.hj212;

/** Frames a connection may still send now: refills at a steady rate up to a burst. Not thread-safe. */
final class Hj212TokenBucket {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    Hj212TokenBucket(int perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    boolean hasToken(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        return tokens >= 1;
    }

    void take() {
        tokens -= 1;
    }
}
