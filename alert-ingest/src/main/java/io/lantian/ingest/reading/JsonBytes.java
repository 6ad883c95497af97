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
        int n = text.length();
        ensure(n);
        copy(text, n);
        return this;
    }

    /** A non-negative number's digits, written straight into the buffer. */
    JsonBytes number(int value) {
        if (value < 0) {
            return ascii(Integer.toString(value));
        }
        int digits = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
        return this;
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
        int n = text.length();
        ensure(n * 3 + 2);
        bytes[length++] = '"';
        int plain = 0;
        while (plain < n && isPlainAscii(text.charAt(plain))) {
            plain++;
        }
        if (plain == n) {           // the usual case (ids, names): copied as a whole
            copy(text, n);
            bytes[length++] = '"';
            return true;
        }
        for (int i = 0; i < n; i++) {
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

    private static boolean isPlainAscii(char c) {
        return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
    }

    /**
     * The low bytes of the first {@code n} characters, which are ASCII: {@code String.getBytes(int, int, byte[], int)}
     * does exactly that, as one array copy for a Latin-1 string (deprecated only because it ignores high bytes).
     */
    @SuppressWarnings("deprecation")
    private void copy(String text, int n) {
        text.getBytes(0, n, bytes, length);
        length += n;
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
