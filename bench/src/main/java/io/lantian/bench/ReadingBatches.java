package io.lantian.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * JSON bodies for {@code POST /api/v1/readings} whose readings all have distinct natural keys
 * (station + pollutant + period end + averaging), so nothing the benchmark sends is a duplicate downstream.
 *
 * <p>Reading number {@code i} is: station-pollutant pair {@code i % pairs}, then the minute going back from
 * {@code base} ({@code (i / pairs) % minutes}), then the averaging period ({@code i / (pairs * minutes)}). Period
 * ends stay between {@code base} and {@code base - minutes}: inside the service's 30-day window, never ahead.
 */
public final class ReadingBatches {

    public record Pair(String stationId, String pollutant) {
    }

    static final List<String> AVERAGING = List.of("PT1M", "PT5M", "PT10M", "PT15M", "PT30M", "PT1H");

    private final List<Pair> pairs;
    private final Instant base;
    private final int minutes;
    /** Per pair: {@code {"stationId":"…","pollutant":"…","value":} as bytes, and whether it is CO (mg/m³). */
    private final byte[][] prefixes;
    private final boolean[] co;

    public ReadingBatches(List<Pair> pairs, Instant base, Duration span) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no station-pollutant pairs");
        }
        this.pairs = List.copyOf(pairs);
        this.base = base.truncatedTo(ChronoUnit.MINUTES);
        this.minutes = (int) span.toMinutes();
        this.prefixes = new byte[this.pairs.size()][];
        this.co = new boolean[this.pairs.size()];
        for (int p = 0; p < this.pairs.size(); p++) {
            Pair pair = this.pairs.get(p);
            prefixes[p] = ("{\"stationId\":\"" + pair.stationId() + "\",\"pollutant\":\"" + pair.pollutant() + "\",\"value\":")
                    .getBytes(StandardCharsets.UTF_8);
            co[p] = pair.pollutant().equals("CO");
        }
    }

    /** How many readings have distinct keys; beyond it keys repeat (still valid, but duplicates downstream). */
    public long capacity() {
        return (long) pairs.size() * minutes * AVERAGING.size();
    }

    /** The natural key of reading {@code i}, as the service forms it. */
    public String key(long i) {
        Pair pair = pairs.get((int) (i % pairs.size()));
        return pair.stationId() + "/" + pair.pollutant() + "/" + periodEnd(i) + "/" + averaging(i);
    }

    /** A request body with readings {@code from}, {@code from + 1}, … {@code from + count - 1} (the bytes of {@link #write}). */
    public String body(long from, int count) {
        Body body = new Body();
        body.write(this, from, count);
        return new String(body.bytes(), body.start(), body.length(), StandardCharsets.UTF_8);
    }

    /**
     * A reusable request body: the bytes of each station-pollutant pair's constant part are made once, the varying
     * fields (value, period end, averaging) are written into them as digits, so a sender builds a 500-reading body
     * with array copies instead of formatting text. {@link #HEAD_ROOM} bytes are kept free in front of the body for the
     * HTTP request head, so head and body go out in one write.
     */
    public static final class Body {
        /** Room in front of the body for the request head. */
        public static final int HEAD_ROOM = 512;

        private byte[] buf = new byte[HEAD_ROOM + 64 * 1024];
        private int end = HEAD_ROOM;
        private long cachedMinute = -1;
        private final byte[] periodEnd = new byte[20];

        public byte[] bytes() {
            return buf;
        }

        /** Where the body starts in {@link #bytes}. */
        public int start() {
            return HEAD_ROOM;
        }

        public int length() {
            return end - HEAD_ROOM;
        }

        /** Replaces the body with readings {@code from} … {@code from + count - 1}. */
        public void write(ReadingBatches batches, long from, int count) {
            end = HEAD_ROOM;
            append(OPEN);
            for (long i = from; i < from + count; i++) {
                int pair = (int) (i % batches.pairs.size());
                if (i > from) {
                    append((byte) ',');
                }
                append(batches.prefixes[pair]);                          // {"stationId":"…","pollutant":"…","value":
                if (batches.co[pair]) {
                    int tenths = 5 + (int) (i % 20);                       // 0.5 … 2.4 mg/m³
                    ensure(3);
                    buf[end++] = (byte) ('0' + tenths / 10);
                    buf[end++] = '.';
                    buf[end++] = (byte) ('0' + tenths % 10);
                    append(CO_UNIT);
                } else {
                    digits(20 + i % 300);                                   // 20 … 319 µg/m³
                    append(MASS_UNIT);
                }
                long minute = (i / batches.pairs.size()) % batches.minutes;
                if (minute != cachedMinute) {
                    byte[] text = batches.base.minus(minute, ChronoUnit.MINUTES).toString().getBytes(StandardCharsets.US_ASCII);
                    if (text.length != periodEnd.length) {
                        throw new IllegalStateException("a minute's instant is 20 characters: " + new String(text, StandardCharsets.US_ASCII));
                    }
                    System.arraycopy(text, 0, periodEnd, 0, text.length);
                    cachedMinute = minute;
                }
                append(periodEnd);
                append(AVERAGING_FIELD);
                append(AVERAGING_BYTES[batches.averagingIndex(i)]);
                append(CLOSE_ITEM);
            }
            append(CLOSE);
        }

        private void digits(long value) {
            ensure(20);
            int from = end;
            do {
                buf[end++] = (byte) ('0' + value % 10);
                value /= 10;
            } while (value > 0);
            for (int a = from, b = end - 1; a < b; a++, b--) {
                byte t = buf[a];
                buf[a] = buf[b];
                buf[b] = t;
            }
        }

        private void append(byte b) {
            ensure(1);
            buf[end++] = b;
        }

        private void append(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, end, bytes.length);
            end += bytes.length;
        }

        private void ensure(int more) {
            if (end + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + more));
            }
        }
    }

    private static final byte[] OPEN = ascii("{\"readings\":[");
    private static final byte[] CLOSE = ascii("]}");
    private static final byte[] CO_UNIT = ",\"unit\":\"mg/m³\",\"periodEnd\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MASS_UNIT = ",\"unit\":\"µg/m³\",\"periodEnd\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AVERAGING_FIELD = ascii("\",\"averaging\":\"");
    private static final byte[] CLOSE_ITEM = ascii("\"}");
    private static final byte[][] AVERAGING_BYTES = AVERAGING.stream().map(ReadingBatches::ascii).toArray(byte[][]::new);

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    Instant periodEnd(long i) {
        long minute = (i / pairs.size()) % minutes;
        return base.minus(minute, ChronoUnit.MINUTES);
    }

    String averaging(long i) {
        return AVERAGING.get(averagingIndex(i));
    }

    private int averagingIndex(long i) {
        return (int) ((i / pairs.size() / minutes) % AVERAGING.size());
    }
}
