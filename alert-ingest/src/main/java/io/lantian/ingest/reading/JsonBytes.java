package io.lantian.ingest.reading;

import java.util.Arrays;

/**
 * A growing buffer of JSON text in UTF-8 for the hand-written writers of the ingest path. It writes only what
 * Jackson writes the same way with its default settings — ASCII that needs no escaping, and strings without
 * characters to escape or surrogates, unescaped — and says when a string is not like that, so the writer can
 * leave the whole value to Jackson instead.
 */
final class JsonBytes {

    private byte[] bytes;
    private int length;

    JsonBytes(int capacity) {
        bytes = new byte[capacity];
    }

    /** Text known to be ASCII without anything JSON escapes (names, numbers, ISO-8601 times, enum names). */
    JsonBytes ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    JsonBytes number(int value) {
        return ascii(Integer.toString(value));
    }

    /**
     * A quoted string, or {@code null} as JSON's null; {@code false} if it holds a character JSON escapes
     * (control characters, quote, backslash) or a surrogate — then the buffer is no longer usable.
     */
    boolean string(String text) {
        if (text == null) {
            ascii("null");
            return true;
        }
        ensure(text.length() * 3 + 2);
        bytes[length++] = '"';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c < 0x20 || c == '"' || c == '\\') {
                    return false;
                }
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                return false;
            } else {
                bytes[length++] = (byte) (0xE0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        bytes[length++] = '"';
        return true;
    }

    byte[] toByteArray() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
