package io.lantian.common.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} without {@code DateTimeFormatter}: the same text ({@code 2026-11-29T08:00:00Z},
 * fraction in groups of three digits when there is one), at a fraction of the cost. Instants are formatted
 * several times per reading on the ingest path (natural key, event JSON, {@code ce_time}), where the formatter
 * showed up in the profile. Years outside 1000–9999 take {@link Instant#toString()} itself.
 */
public final class IsoInstants {

    private static final long SECONDS_PER_DAY = 86_400;
    /** 1000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
    private static final long MIN_FAST = -30_610_224_000L;
    private static final long END_FAST = 253_402_300_800L;

    private IsoInstants() {
    }

    public static String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        if (epochSecond < MIN_FAST || epochSecond >= END_FAST) {
            return instant.toString();
        }
        int nano = instant.getNano();
        int fractionDigits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        byte[] text = new byte[20 + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
        long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int at = 19;
        if (fractionDigits > 0) {
            text[at++] = '.';
            int fraction = fractionDigits == 3 ? nano / 1_000_000 : fractionDigits == 6 ? nano / 1_000 : nano;
            digits(text, at, fraction, fractionDigits);
            at += fractionDigits;
        }
        text[at] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
