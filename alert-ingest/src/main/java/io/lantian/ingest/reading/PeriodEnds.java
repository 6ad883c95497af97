package io.lantian.ingest.reading;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeParseException;

/**
 * Parses a reading's {@code periodEnd} exactly as {@code OffsetDateTime.parse(text).toInstant()} does, with a
 * fast path for the forms senders actually use — {@code 2026-11-29T08:00:00Z}, {@code …T16:00:00+08:00},
 * optionally with a fraction of 1–9 digits — because {@code DateTimeFormatter} was the largest single cost
 * of validating a reading. Anything else (lower-case {@code t}/{@code z}, no seconds, {@code +0800}, an
 * invalid date …) goes to {@code OffsetDateTime.parse}, so results and errors are the same as before.
 */
final class PeriodEnds {

    private PeriodEnds() {
    }

    /** @throws DateTimeParseException as {@link OffsetDateTime#parse(CharSequence)} */
    static Instant parse(String text) {
        Instant fast = fast(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** The instant, or {@code null} when the text is not one of the common forms or not valid. */
    static Instant fast(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        int at = 19;
        int nano = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 10 && isDigit(text.charAt(at))) {
                at++;
            }
            int count = at - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nano = digits(text, start, count);
            for (int i = count; i < 9; i++) {
                nano *= 10;
            }
        }
        int offsetSeconds;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int offsetHours = digits(text, at + 1, 2);
            int offsetMinutes = digits(text, at + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetHours > 18
                    || offsetHours == 18 && offsetMinutes > 0) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (text.charAt(at) == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nano);
    }

    /** {@link LocalDate#toEpochDay()} without making the date (the fields are already checked). */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367L * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!Year.isLeap(year)) {
                total--;
            }
        }
        return total - 719_528; // days from 0000-01-01 to 1970-01-01
    }

    /** The non-negative number in {@code text[from, from + count)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
