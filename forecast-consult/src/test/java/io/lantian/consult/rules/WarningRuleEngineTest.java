package io.lantian.consult.rules;

import io.lantian.consult.rules.ForecastSeries.Day;
import io.lantian.consult.rules.WarningRuleEngine.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Given a forecast, when the national rules (环大气〔2024〕6号) are applied, then this level. */
class WarningRuleEngineTest {

    static final WarningRuleSet RULES = RuleSets.mee2024();
    static final LocalDate D1 = LocalDate.of(2026, 12, 1);

    static Decision days(String pollutant, int... aqi) {
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < aqi.length; i++) {
            days.add(new Day(D1.plusDays(i), aqi[i], pollutant));
        }
        return WarningRuleEngine.evaluate(RULES, ForecastSeries.fromDays(days));
    }

    static Decision days(int... aqi) {
        return days("PM2_5", aqi);
    }

    /** Hourly series starting 2026-12-01T00:00+08:00: runs of (hours, aqi). */
    static Decision hours(int... hoursAndAqi) {
        List<ForecastPoint> series = new ArrayList<>();
        Instant t = D1.atStartOfDay(ForecastSeries.CHINA).toInstant();
        for (int i = 0; i < hoursAndAqi.length; i += 2) {
            for (int h = 0; h < hoursAndAqi[i]; h++) {
                series.add(new ForecastPoint(t, hoursAndAqi[i + 1], "PM2_5"));
                t = t.plusSeconds(3600);
            }
        }
        return WarningRuleEngine.evaluate(RULES, series);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "120 140 130; NONE",
            "201; YELLOW",                  // one day > 200
            "200; NONE",                    // exactly 200 is not above
            "151 151; YELLOW",              // > 150 for 48 h
            "151 150; NONE",                // exactly 150 is not above
            "201 201; ORANGE",              // > 200 for 48 h
            "151 151 151; ORANGE",          // > 150 for 72 h
            "160 201 160; ORANGE",          // the 201 day is inside 72 h above 150
            "201 201 201; ORANGE",          // 72 h > 200 but never > 300: not red
            "201 301 201; RED",             // 72 h > 200 and 24 h > 300
            "201 300 201; ORANGE",          // exactly 300 is not above
            "301 301; ORANGE",              // > 300 but only 48 h above 200
            "90 201 90; YELLOW",
    })
    void dailyForecasts(String aqi, String expected) {
        int[] values = java.util.Arrays.stream(aqi.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        assertThat(days(values).level()).isEqualTo(expected);
    }

    @Test
    void hourlyForecastsCountConsecutiveHours() {
        assertThat(hours(23, 250).level()).isEqualTo("NONE");
        assertThat(hours(24, 250).level()).isEqualTo("YELLOW");
        assertThat(hours(47, 180).level()).isEqualTo("NONE");
        assertThat(hours(48, 180).level()).isEqualTo("YELLOW");
        assertThat(hours(10, 180, 1, 100, 40, 180).level()).as("a dip breaks the run").isEqualTo("NONE");
    }

    @Test
    void theRuleAndTheEpisodeWindowAreReported() {
        Decision decision = days(90, 201, 201, 90);

        assertThat(decision.level()).isEqualTo("ORANGE");
        assertThat(decision.rule()).isEqualTo("ORANGE: AQI>200 for 48h");
        assertThat(decision.from()).isEqualTo(Instant.parse("2026-12-01T16:00:00Z")); // 12-02 00:00 Beijing
        assertThat(decision.to()).isEqualTo(Instant.parse("2026-12-03T16:00:00Z"));
    }

    @Test
    void whenValuesSwingBetweenLevelsTheHigherApplies() {
        // yellow-level days, a short clean spell (< 36 h), then a red-level stretch: one episode, red
        Decision decision = hours(30, 210, 20, 120, 80, 210, 30, 320);

        assertThat(decision.level()).isEqualTo("RED");
        assertThat(decision.from()).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
    }

    @Test
    void episodesFarApartAreJudgedSeparately() {
        // two 24 h spells above 200 with 48 h of clean air between: two yellow episodes, not one orange
        Decision decision = hours(24, 210, 48, 80, 24, 210);

        assertThat(decision.level()).isEqualTo("YELLOW");
        assertThat(decision.to()).isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
    }

    @Test
    void closeEpisodesMergeIntoOneWindow() {
        Decision decision = hours(24, 210, 12, 80, 24, 210);

        assertThat(decision.level()).isEqualTo("YELLOW"); // the durations do not add up: each spell is 24 h
        assertThat(decision.from()).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(decision.to()).isEqualTo(Instant.parse("2026-12-03T04:00:00Z"));
    }

    @Test
    void ozoneEpisodesGetAHealthAdvisoryNotAColour() {
        assertThat(days("O3", 210, 210).level()).isEqualTo("HEALTH_ADVISORY");
        assertThat(days("O3", 120).level()).isEqualTo("NONE");
    }
}
