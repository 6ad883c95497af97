package io.lantian.ingest.hj212;

/**
 * Bytes the decoder threw away, and why.
 *
 * @param excerpt the start of the discarded bytes as printable ASCII (others shown as {@code .}), password
 *                masked, for logs
 * @param length  how many bytes were discarded
 */
public record Hj212FrameDefect(Hj212Defect defect, String excerpt, int length) implements Hj212Decoded {

    static final int EXCERPT = 64;

    /** Shows the first {@code shown} bytes of {@code bytes} (at most {@value #EXCERPT}). */
    static Hj212FrameDefect of(Hj212Defect defect, byte[] bytes, int shown, int discarded) {
        int visible = Math.min(shown, EXCERPT);
        StringBuilder text = new StringBuilder(visible);
        for (int i = 0; i < visible; i++) {
            int b = bytes[i] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return new Hj212FrameDefect(defect, Hj212Redaction.withoutPassword(text.toString()), discarded);
    }
}
