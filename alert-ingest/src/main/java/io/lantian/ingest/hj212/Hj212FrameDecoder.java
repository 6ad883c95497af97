package io.lantian.ingest.hj212;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a TCP byte stream into HJ 212 frames. One per connection; not thread-safe.
 *
 * <p>It holds at most one maximal frame (1036 bytes): the caller appends what fits ({@link #free()}) and takes
 * out frames and defects with {@link #next()}. Since a full buffer always decides something, memory per
 * connection is fixed whatever a sender does. Resynchronisation follows the frame layout: bytes before a
 * {@code ##} are garbage; a non-numeric length drops one {@code #}; a length above 1024 or a missing CR LF
 * at the declared end drops the {@code ##} and scans again (the next real frame may start inside); a bad CRC
 * drops the whole frame.
 */
public final class Hj212FrameDecoder {

    private final byte[] buf = new byte[Hj212Frame.MAX_FRAME];
    private int n;

    /** How many bytes {@link #append} takes now. */
    public int free() {
        return buf.length - n;
    }

    /** Bytes held that did not yet make a frame (a frame under way, or a trailing {@code #}). */
    public int buffered() {
        return n;
    }

    /** Copies as many bytes as fit; returns how many were taken. */
    public int append(byte[] src, int offset, int length) {
        int taken = Math.min(length, free());
        System.arraycopy(src, offset, buf, n, taken);
        n += taken;
        return taken;
    }

    /** The next frame or defect in the buffered bytes, or {@code null} when more bytes are needed. */
    public Hj212Decoded next() {
        if (n == 0) {
            return null;
        }
        if (n < 2 || buf[0] != '#' || buf[1] != '#') {
            return skipGarbage();
        }
        if (n < 6) {
            return null;
        }
        int length = 0;
        for (int i = 2; i < 6; i++) {
            if (buf[i] < '0' || buf[i] > '9') {
                return discard(Hj212Defect.BAD_LENGTH_FIELD, 6, 1);
            }
            length = length * 10 + (buf[i] - '0');
        }
        if (length > Hj212Frame.MAX_SEGMENT) {
            return discard(Hj212Defect.LENGTH_TOO_LARGE, 6, 2);
        }
        int total = length + Hj212Frame.OVERHEAD;
        if (n < total) {
            return null;
        }
        if (buf[total - 2] != '\r' || buf[total - 1] != '\n') {
            return discard(Hj212Defect.BAD_TAIL, total, 2);
        }
        int crcAt = 6 + length;
        int declared = 0;
        for (int i = crcAt; i < crcAt + 4; i++) {
            int digit = Character.digit(buf[i], 16); // a byte ≥ 0x80 is negative here and gives -1
            if (digit < 0) {
                return discard(Hj212Defect.BAD_CRC_FIELD, total, total);
            }
            declared = declared << 4 | digit;
        }
        if (declared != Hj212Crc.of(buf, 6, length)) {
            return discard(Hj212Defect.CRC_MISMATCH, total, total);
        }
        Hj212Frame frame = new Hj212Frame(Arrays.copyOfRange(buf, 6, crcAt),
                new String(buf, crcAt, 4, StandardCharsets.US_ASCII));
        drop(total);
        return frame;
    }

    /** Everything before the next {@code ##} goes; a trailing {@code #} stays, it may start the next header. */
    private Hj212Decoded skipGarbage() {
        int garbage = n - (buf[n - 1] == '#' ? 1 : 0);
        for (int i = 1; i + 1 < n; i++) {
            if (buf[i] == '#' && buf[i + 1] == '#') {
                garbage = i;
                break;
            }
        }
        if (garbage == 0) {
            return null; // a lone '#': wait for the next byte
        }
        return discard(Hj212Defect.GARBAGE, garbage, garbage);
    }

    private Hj212FrameDefect discard(Hj212Defect defect, int shown, int dropped) {
        Hj212FrameDefect result = Hj212FrameDefect.of(defect, buf, Math.min(shown, n), dropped);
        drop(dropped);
        return result;
    }

    private void drop(int count) {
        System.arraycopy(buf, count, buf, 0, n - count);
        n -= count;
    }
}
