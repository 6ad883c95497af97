package io.lantian.consult.regionaqi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Given hourly values, the means the standards ask for, with their coverage and validity. */
class RollingMeansTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    static final Instant MIDNIGHT = DAY.atStartOfDay(RollingMeans.CHINA).toInstant(); // 2026-11-27T16:00Z

    /** Hours ending 01:00 … 24:00 of DAY with value = hour number, minus the listed hours. */
    static NavigableMap<Instant, Double> day(int... missing) {
        NavigableMap<Instant, Double> hourly = new TreeMap<>();
        outer:
        for (int h = 1; h <= 24; h++) {
            for (int m : missing) {
                if (m == h) {
                    continue outer;
                }
            }
            hourly.put(MIDNIGHT.plus(Duration.ofHours(h)), (double) h);
        }
        return hourly;
    }

    @Test
    void aFullDayIsValidAndItsMeanIsExact() {
        Mean daily = RollingMeans.daily(day(), DAY);

        assertThat(daily.value()).isEqualTo(12.5);
        assertThat(daily.observed()).isEqualTo(24);
        assertThat(daily.valid()).isTrue();
    }

    @Test
    void twentyHoursMakeAValidDayNineteenDoNot() {
        assertThat(RollingMeans.daily(day(1, 2, 3, 4), DAY).valid()).isTrue();
        Mean nineteen = RollingMeans.daily(day(1, 2, 3, 4, 5), DAY);
        assertThat(nineteen.valid()).isFalse();
        assertThat(nineteen.observed()).isEqualTo(19);
        assertThat(nineteen.required()).isEqualTo(20);
        assertThat(nineteen.value()).as("still reported, marked invalid").isNotNull();
    }

    @Test
    void theDayIsTheNaturalDayInBeijingTime() {
        NavigableMap<Instant, Double> hourly = day();
        hourly.put(MIDNIGHT, 1000.0); // the hour ending 00:00 belongs to the day before
        hourly.put(MIDNIGHT.plus(Duration.ofHours(25)), 1000.0); // 01:00 of the next day

        assertThat(RollingMeans.daily(hourly, DAY).value()).isEqualTo(12.5);
    }

    @Test
    void movingMeansNeedSixOfEightAndTwentyOfTwentyFourHours() {
        NavigableMap<Instant, Double> hourly = day(20, 21);
        Instant end = MIDNIGHT.plus(Duration.ofHours(24));

        Mean eight = RollingMeans.mean8h(hourly, end);
        assertThat(eight.observed()).isEqualTo(6);
        assertThat(eight.valid()).isTrue();
        assertThat(eight.value()).isEqualTo((17 + 18 + 19 + 22 + 23 + 24) / 6.0);
        assertThat(RollingMeans.mean8h(day(20, 21, 22), end).valid()).isFalse();
        assertThat(RollingMeans.mean24h(hourly, end).valid()).isTrue();
    }

    @Test
    void o3DailyMax8hTakesTheLargestValidWindowEndingFrom8To24() {
        Mean max = RollingMeans.o3DailyMax8h(day(), DAY);

        assertThat(max.value()).isEqualTo((17 + 18 + 19 + 20 + 21 + 22 + 23 + 24) / 8.0);
        assertThat(max.observed()).isEqualTo(17);
        assertThat(max.valid()).isTrue();
        assertThat(RollingMeans.o3DailyMax8h(day(9, 10, 11, 12, 13, 14, 15, 16, 17), DAY).valid()).isFalse();
    }

    @Test
    void aCorrectedHourChangesTheMeanOnceNotTwice() {
        NavigableMap<Instant, Double> hourly = day();
        hourly.put(MIDNIGHT.plus(Duration.ofHours(24)), 48.0); // 24 corrected to 48

        assertThat(RollingMeans.daily(hourly, DAY).value()).isEqualTo(13.5);
    }
}
