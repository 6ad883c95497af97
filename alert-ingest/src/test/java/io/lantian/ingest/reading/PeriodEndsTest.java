package io.lantian.ingest.reading;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link PeriodEnds#parse} must be {@code OffsetDateTime.parse(text).toInstant()}, value for value and error for
 * error: checked over generated valid, near-valid and broken inputs, and the common forms must take the fast path.
 */
class PeriodEndsTest {

    static final String[] EDGES = {
            "2026-11-29T08:00:00Z", "2026-11-29T16:00:00+08:00", "2026-11-29T00:00:00-00:00", "2026-11-29T08:00:00.5Z",
            "2026-11-29T08:00:00.123456789+08:00", "2026-11-29T08:00:00.1234567890Z", "2026-11-29T08:00:00.Z",
            "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2000-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z", "2026-12-31T23:59:59Z", "2026-12-31T23:59:60Z", "2026-11-29T24:00:00Z",
            "2026-11-29T23:60:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z",
            "2026-11-29T08:00:00+18:00", "2026-11-29T08:00:00-18:00", "2026-11-29T08:00:00+18:01", "2026-11-29T08:00:00+19:00",
            "2026-11-29T08:00:00+05:60", "2026-11-29T08:00:00+05:45", "2026-11-29T08:00:00+0800", "2026-11-29T08:00:00+08",
            "2026-11-29T08:00:00+08:00:00", "2026-11-29T08:00:00+08:00:30", "2026-11-29t08:00:00z", "2026-11-29T08:00:00z",
            "2026-11-29T08:00Z", "2026-11-29T08:00+08:00", "2026-11-29 08:00:00Z", "2026-11-29T08:00:00", "2026-11-29T08:00:00ZZ",
            "2026-11-29T08:00:00,5Z", "+2026-11-29T08:00:00Z", "12026-11-29T08:00:00Z", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999-18:00", "0000-01-01T00:00:00+18:00", "٢٠٢٦-11-29T08:00:00Z", "2026-11-29T08:00:00+08:00 ",
            " 2026-11-29T08:00:00Z", "2026-1-29T08:00:00Z", "2026-11-29T8:00:00Z", "", "Z", "2026-11-29T08:00:00-08:00",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2026-11-29T08:00:00.000Z", "2026-11-29T08:00:00.000000000Z",
            "2026-11-29T08:00:00.0000000000Z", "2026-11-29T08:00:00+08:00Z", "2026-11-29T08:00:00+-8:00", "2026-11-29T08:00:00+8:00"};

    @Test
    void sameInstantsAndSameFailuresAsOffsetDateTimeParse() {
        List<String> inputs = new ArrayList<>(List.of(EDGES));
        SplittableRandom random = new SplittableRandom(20261129);
        for (int i = 0; i < 100_000; i++) {
            String valid = generated(random);
            inputs.add(valid);
            inputs.add(mutated(valid, random));
        }
        int fast = 0;
        for (String input : inputs) {
            Instant expected;
            try {
                expected = OffsetDateTime.parse(input).toInstant();
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> PeriodEnds.parse(input)).as(input).isInstanceOf(DateTimeParseException.class);
                assertThat(PeriodEnds.fast(input)).as(input).isNull();
                continue;
            }
            assertThat(PeriodEnds.parse(input)).as(input).isEqualTo(expected);
            if (PeriodEnds.fast(input) != null) {
                fast++;
            }
        }
        assertThat(fast).as("inputs parsed by the fast path").isGreaterThan(100_000);
    }

    @Test
    void theFormsSendersUseTakeTheFastPath() {
        for (String common : List.of("2026-11-29T08:00:00Z", "2026-11-29T16:00:00+08:00", "2026-11-29T08:00:00.250Z",
                "2026-02-28T23:59:59-05:30")) {
            assertThat(PeriodEnds.fast(common)).as(common).isEqualTo(OffsetDateTime.parse(common).toInstant());
        }
    }

    /** A valid common form: any date 0000–9999, Z or an offset within ±18:00, 0–9 fraction digits. */
    static String generated(SplittableRandom random) {
        int year = random.nextInt(4) == 0 ? random.nextInt(10_000) : 1990 + random.nextInt(60);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
                random.nextInt(24), random.nextInt(60), random.nextInt(60)));
        int fraction = random.nextInt(3) == 0 ? 1 + random.nextInt(9) : 0;
        for (int i = 0; i < fraction; i++) {
            text.append(i == 0 ? "." : "").append(random.nextInt(10));
        }
        if (random.nextBoolean()) {
            text.append('Z');
        } else {
            int hours = random.nextInt(19);
            int minutes = hours == 18 ? 0 : random.nextInt(4) * 15;
            text.append(random.nextBoolean() ? '+' : '-').append(String.format(Locale.ROOT, "%02d:%02d", hours, minutes));
        }
        return text.toString();
    }

    /** One random change: a character replaced, dropped or inserted, or a number out of its range. */
    static String mutated(String valid, SplittableRandom random) {
        String alphabet = "0123456789-+:.TZtz ,٣";
        int at = random.nextInt(valid.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        return switch (random.nextInt(5)) {
            case 0 -> valid.substring(0, at) + c + valid.substring(at + 1);
            case 1 -> valid.substring(0, at) + valid.substring(at + 1);
            case 2 -> valid.substring(0, at) + c + valid.substring(at);
            case 3 -> valid.substring(0, 8) + (29 + random.nextInt(4)) + valid.substring(10);   // day 29–32
            default -> valid.substring(0, 11) + (20 + random.nextInt(10)) + valid.substring(13); // hour 20–29
        };
    }
}
