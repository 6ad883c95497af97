package io.lantian.common.json;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link IsoInstants#format} must give exactly {@link Instant#toString()}: natural keys and event JSON use it. */
class IsoInstantsTest {

    @Test
    void formatsExactlyAsInstantToString() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("0999-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2000-02-29T12:00:00.000001Z"),
                Instant.parse("2026-11-29T08:00:00.100Z"), Instant.parse("2026-11-29T08:00:00.000000001Z"),
                Instant.parse("2026-11-29T08:00:00.010200Z"), Instant.ofEpochSecond(-1, 1)));
        SplittableRandom random = new SplittableRandom(20261129);
        for (int i = 0; i < 200_000; i++) {
            long second = switch (i % 4) {
                case 0 -> random.nextLong(-40_000_000_000L, 260_000_000_000L);           // around the fast range
                case 1 -> random.nextLong(1_700_000_000L, 1_900_000_000L);               // these years
                case 2 -> random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
                default -> random.nextLong(1_780_000_000L, 1_790_000_000L) / 60 * 60; // whole minutes
            };
            int nano = switch (random.nextInt(5)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nano));
        }
        for (Instant instant : instants) {
            assertThat(IsoInstants.format(instant)).as("epoch second %d nano %d", instant.getEpochSecond(), instant.getNano())
                    .isEqualTo(instant.toString());
        }
    }
}
