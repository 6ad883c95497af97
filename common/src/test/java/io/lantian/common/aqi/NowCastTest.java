package io.lantian.common.aqi;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The EPA PM NowCast: 12 hours weighted by w = min/max (at least 1/2), truncated, valid with 2 of the last 3 hours. */
class NowCastTest {

    static List<BigDecimal> hours(String... values) {
        List<BigDecimal> list = new ArrayList<>();
        for (String v : values) {
            list.add(v == null ? null : new BigDecimal(v));
        }
        return list;
    }

    @Test
    void steadyAirIsThePlainMean() {
        assertThat(NowCast.pm25(Collections.nCopies(12, new BigDecimal("23.4")))).contains(new BigDecimal("23.4"));
    }

    @Test
    void fastChangeFloorsTheWeightAtOneHalf() {
        // min/max = 10/40 < 1/2, so w = 1/2: (40 + 10 × (1 − 2^−11)) / (2 − 2^−11) = 25.0037 → 25.0
        List<BigDecimal> values = hours("40", "10", "10", "10", "10", "10", "10", "10", "10", "10", "10", "10");
        assertThat(NowCast.pm25(values)).contains(new BigDecimal("25.0"));
    }

    @Test
    void slowChangeWeighsByMinOverMax() {
        // w = 15/20 = 0.75: 17.017… → 17.0
        List<BigDecimal> values = hours("20", "18", "16", "15", "15", "15", "15", "15", "15", "15", "15", "15");
        assertThat(NowCast.pm25(values)).contains(new BigDecimal("17.0"));
    }

    @Test
    void missingHoursAreLeftOutOfBothSums() {
        // hours 2, 3, 4, 5 ago only; w = 1/2: (10·½ + 12·¼ + 30·⅛ + 8·1/16) / (½ + ¼ + ⅛ + 1/16) = 12.25 / 0.9375 = 13.07
        assertThat(NowCast.pm25(hours(null, "10", "12", "30", "8"))).contains(new BigDecimal("13.0"));
        // with a gap further back: 33.83 → 33.8
        assertThat(NowCast.pm25(hours("35.6", "33.2", null, "30.1", "28.7", "25", "22.4", "20", "19.5", "18", "17.2", "16.9")))
                .contains(new BigDecimal("33.8"));
    }

    @Test
    void twoOfTheThreeMostRecentHoursAreNeeded() {
        assertThat(NowCast.pm25(hours(null, "10", null, "12", "12", "12"))).isEmpty();
        assertThat(NowCast.pm25(hours("10", null, null, "12"))).isEmpty();
        assertThat(NowCast.pm25(hours("10"))).isEmpty();
        assertThat(NowCast.pm25(hours("10", null, "11"))).isPresent();
    }

    @Test
    void theResultIsTruncatedNotRounded() {
        // PM10 67.64 → 67 (rounding would give 68)
        List<BigDecimal> values = hours("80", "60", "55", "50", "45", "40", "42", "38", "35", "30", "28", "25");
        assertThat(NowCast.pm10(values)).contains(new BigDecimal("67"));
    }

    @Test
    void onlyTheTwelveMostRecentHoursCount() {
        List<BigDecimal> values = new ArrayList<>(Collections.nCopies(12, new BigDecimal("10")));
        values.addAll(hours("500", "500"));
        assertThat(NowCast.pm25(values)).contains(new BigDecimal("10.0"));
    }

    @Test
    void cleanAirIsZeroAndNegativeValuesAreRefused() {
        assertThat(NowCast.pm25(Collections.nCopies(12, BigDecimal.ZERO))).contains(new BigDecimal("0.0"));
        assertThatThrownBy(() -> NowCast.pm25(hours("10", "-1", "10")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Arrays.asList(NowCast.pm25(hours("1", "1")).orElseThrow().scale())).containsExactly(1);
    }
}
