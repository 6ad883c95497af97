package io.lantian.ingest.hj212;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One complete frame (table 2 of HJ 212-2017) whose CRC matched:
 * {@code ##} + 4-digit length + data segment + 4 hex CRC + CR LF.
 *
 * @param segment the data segment's bytes (what the CRC and the length cover)
 * @param crc     the CRC as sent (upper or lower case: field devices send both)
 */
public record Hj212Frame(byte[] segment, String crc) implements Hj212Decoded {

    /** Longest data segment (table 2). */
    public static final int MAX_SEGMENT = 1024;
    /** {@code ##}, length, CRC, CR LF around the segment. */
    public static final int OVERHEAD = 12;
    public static final int MAX_FRAME = MAX_SEGMENT + OVERHEAD;

    public Hj212Frame {
        segment = segment.clone();
    }

    @Override
    public byte[] segment() {
        return segment.clone();
    }

    /** The frame as text without CR LF. */
    public String text() {
        return "##" + String.format(Locale.ROOT, "%04d", segment.length) + new String(segment, StandardCharsets.UTF_8) + crc;
    }

    /** Frames a data segment: the way every reply of this platform is built. */
    public static byte[] encode(String segment) {
        byte[] data = segment.getBytes(StandardCharsets.UTF_8);
        if (data.length > MAX_SEGMENT) {
            throw new IllegalArgumentException("a data segment holds at most " + MAX_SEGMENT + " bytes, not " + data.length);
        }
        String head = "##" + String.format(Locale.ROOT, "%04d", data.length);
        String tail = Hj212Crc.hex(Hj212Crc.of(data)) + "\r\n";
        byte[] frame = new byte[data.length + OVERHEAD];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 6);
        System.arraycopy(data, 0, frame, 6, data.length);
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, frame, 6 + data.length, 6);
        return frame;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hj212Frame f && Arrays.equals(segment, f.segment) && crc.equals(f.crc);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(segment) + crc.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
