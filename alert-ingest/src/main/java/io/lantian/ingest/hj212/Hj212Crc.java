package io.lantian.ingest.hj212;

import java.util.Locale;

/**
 * The CRC of HJ 212-2017 appendix A ("ANSI CRC16"), over the bytes of the data segment only.
 *
 * <p>It is <em>not</em> CRC-16/MODBUS, although it uses the same polynomial (0xA001, reflected) and start
 * value: each byte is combined as {@code reg = (reg >> 8) ^ b}, which throws the low byte of the register
 * away, where Modbus computes {@code reg ^= b}. Platforms that use a Modbus routine reject real stations'
 * packets. A consequence of that step: only 256 different CRC values exist, so a random corruption passes the
 * check once in 256 — the length, tail and field checks matter as much as the CRC.
 */
public final class Hj212Crc {

    private Hj212Crc() {
    }

    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    public static int of(byte[] bytes, int offset, int length) {
        int reg = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            reg = (reg >>> 8) ^ (bytes[i] & 0xFF); // & 0xFF: Java bytes are signed; the CRC runs over unsigned bytes
            for (int bit = 0; bit < 8; bit++) {
                boolean carry = (reg & 1) != 0;
                reg >>>= 1;
                if (carry) {
                    reg ^= 0xA001;
                }
            }
        }
        return reg;
    }

    /** Four hexadecimal digits, high byte first, upper case as in the standard's examples. */
    public static String hex(int crc) {
        return String.format(Locale.ROOT, "%04X", crc & 0xFFFF);
    }
}
