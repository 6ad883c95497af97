package io.lantian.ingest.reading;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.json.EventJson;
import io.lantian.common.pollutant.Pollutant;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ReadingAcceptedJson} must write exactly the bytes of {@code EventJson.mapper()}: checked over generated
 * readings with plain, non-ASCII, escaped and surrogate text, any double, instants and durations of any shape,
 * and {@code null}s.
 */
class ReadingAcceptedJsonTest {

    static final String ALPHABET = "abcXYZ019-_/.:@ <>&'µ³éü镇会盟\u2028\u00a0\u007f\uffff\"\\\n\t\u0000\u001f\u0080";

    @Test
    void writesTheMappersBytes() {
        SplittableRandom random = new SplittableRandom(20261129);
        int handWritten = 0;
        for (int i = 0; i < 50_000; i++) {
            ReadingAccepted reading = reading(random, i);
            byte[] expected;
            try {
                expected = EventJson.mapper().writeValueAsBytes(reading);
            } catch (RuntimeException e) {
                assertThatThrownBy(() -> ReadingAcceptedJson.write(reading)).isInstanceOf(e.getClass());
                continue;
            }
            byte[] actual = ReadingAcceptedJson.write(reading);
            assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(actual).isEqualTo(expected);
            if (i % 4 == 0) {
                assertThat(ReadingAcceptedJson.byHand(reading)).as("a plain reading is written by hand").isEqualTo(expected);
            }
            if (ReadingAcceptedJson.byHand(reading) != null) {
                handWritten++;
            }
        }
        assertThat(handWritten).as("readings written by hand").isGreaterThan(12_500);
    }

    @Test
    void aTypicalReadingIsWrittenByHand() {
        ReadingAccepted reading = new ReadingAccepted("MJ-T-HM/PM2_5/2026-11-29T08:00:00Z/PT1H", "MJ-T-HM", "mengjin",
                Pollutant.PM2_5, 35.0, "µg/m³", Instant.parse("2026-11-29T08:00:00Z"), Duration.ofHours(1),
                ReadingAccepted.Source.HTTP, List.of("M"), Instant.parse("2026-11-29T08:00:01.123456Z"));
        assertThat(ReadingAcceptedJson.byHand(reading)).isEqualTo(EventJson.mapper().writeValueAsBytes(reading));
        assertThat(new String(ReadingAcceptedJson.byHand(reading), StandardCharsets.UTF_8)).isEqualTo("{\"readingId\":"
                + "\"MJ-T-HM/PM2_5/2026-11-29T08:00:00Z/PT1H\",\"stationId\":\"MJ-T-HM\",\"regionId\":\"mengjin\","
                + "\"pollutant\":\"PM2_5\",\"value\":35.0,\"unit\":\"µg/m³\",\"periodEnd\":\"2026-11-29T08:00:00Z\","
                + "\"averaging\":\"PT1H\",\"source\":\"HTTP\",\"flags\":[\"M\"],\"receivedAt\":\"2026-11-29T08:00:01.123456Z\"}");
    }

    /** Every fourth reading is plain (what stations send); the others draw text, numbers and nulls from anywhere. */
    static ReadingAccepted reading(SplittableRandom random, int i) {
        boolean plain = i % 4 == 0;
        Pollutant pollutant = Pollutant.values()[random.nextInt(Pollutant.values().length)];
        Instant periodEnd = instant(random);
        Duration averaging = plain ? Duration.ofMinutes(List.of(1, 5, 10, 15, 30, 60).get(random.nextInt(6)))
                : Duration.ofSeconds(random.nextLong(-1_000_000, 1_000_000), random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0);
        String station = plain ? "MJ-" + random.nextInt(1000) : text(random);
        List<String> flags = new ArrayList<>();
        for (int f = random.nextInt(4); f > 0; f--) {
            flags.add(plain ? String.valueOf((char) ('A' + random.nextInt(26))) : random.nextInt(20) == 0 ? null : text(random));
        }
        return new ReadingAccepted(
                nullSometimes(random, plain, station + "/" + pollutant + "/" + periodEnd + "/" + averaging),
                nullSometimes(random, plain, station), nullSometimes(random, plain, plain ? "mengjin" : text(random)),
                plain || random.nextInt(20) > 0 ? pollutant : null, value(random, plain),
                nullSometimes(random, plain, plain ? pollutant.canonicalUnit().symbol() : text(random)),
                periodEnd, plain || random.nextInt(20) > 0 ? averaging : null,
                ReadingAccepted.Source.values()[random.nextInt(3)], plain || random.nextInt(20) > 0 ? flags : null,
                plain || random.nextInt(20) > 0 ? instant(random) : null);
    }

    static String nullSometimes(SplittableRandom random, boolean plain, String text) {
        return !plain && random.nextInt(20) == 0 ? null : text;
    }

    static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            switch (random.nextInt(12)) {
                case 0 -> text.appendCodePoint(0x1F600 + random.nextInt(80));              // a surrogate pair
                case 1 -> text.append((char) (0xD800 + random.nextInt(0x800)));              // a lone surrogate
                case 2 -> text.append((char) random.nextInt(0x10000));                       // any char
                default -> text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return text.toString();
    }

    static double value(SplittableRandom random, boolean plain) {
        return switch (plain ? random.nextInt(3) : random.nextInt(6)) {
            case 0 -> random.nextInt(5000) / 10.0;
            case 1 -> random.nextDouble() * 3000;
            case 2 -> random.nextInt(200) * 0.001 * 1000;                                  // mg/m³ converted
            case 3 -> Double.longBitsToDouble(random.nextLong());                          // anything, NaN included
            case 4 -> List.of(0.0, -0.0, 1e7, 1e-3, 9.999999e6, 1e21, Double.MIN_VALUE, Double.MAX_VALUE).get(random.nextInt(8));
            default -> random.nextLong() / 1e3;
        };
    }

    static Instant instant(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> Instant.ofEpochSecond(random.nextLong(1_780_000_000L, 1_790_000_000L) / 60 * 60);
            case 1 -> Instant.ofEpochSecond(random.nextLong(1_780_000_000L, 1_790_000_000L), random.nextInt(1_000_000_000));
            case 2 -> Instant.ofEpochSecond(random.nextLong(1_780_000_000L, 1_790_000_000L), random.nextInt(1000) * 1_000_000);
            default -> Instant.ofEpochSecond(random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()));
        };
    }
}
