package io.lantian.common.aqi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.OptionalInt;

import static io.lantian.common.aqi.AqiStandard.HJ_633_2012;
import static io.lantian.common.aqi.AqiStandard.HJ_633_2026;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden sub-indices of every column of HJ 633-2012 表1 and HJ 633—2026 表3, at every node and around it:
 * one unit below (0.1 mg/m³ for CO), just below (0.01 µg/m³, 0.001 mg/m³), at, just above and one unit
 * above, plus twice the last node. An empty cell means "no sub-index".
 *
 * <p>The expected values were computed by a separate implementation in exact rational arithmetic (Python
 * {@code fractions}, written from the table in domain.md §1.3, not from this code) and spot-checked by hand:
 * PM2.5 24 h 75.01 → 2012: 100 + ⌈50 × 0.01 / 40⌉ = 101; 2026: 100 + ⌈50 × 15.01 / 55⌉ = 100 + ⌈13.65⌉ = 114.
 * SO2 24 h uses 0/50/150/475/800/1600/2100/2620 — not the 1-h column (domain.md §1.3 pitfall).
 */
class AqiCalculatorTest {

    @ParameterizedTest(name = "{0} at {1}: 2012 -> {2}, 2026 -> {3}")
    @CsvSource(textBlock = """
            SO2_24H, 0, 0, 0
            SO2_24H, 0.01, 1, 1
            SO2_24H, 1, 1, 1
            SO2_24H, 49, 49, 49
            SO2_24H, 49.99, 50, 50
            SO2_24H, 50, 50, 50
            SO2_24H, 50.01, 51, 51
            SO2_24H, 51, 51, 51
            SO2_24H, 149, 100, 100
            SO2_24H, 149.99, 100, 100
            SO2_24H, 150, 100, 100
            SO2_24H, 150.01, 101, 101
            SO2_24H, 151, 101, 101
            SO2_24H, 474, 150, 150
            SO2_24H, 474.99, 150, 150
            SO2_24H, 475, 150, 150
            SO2_24H, 475.01, 151, 151
            SO2_24H, 476, 151, 151
            SO2_24H, 799, 200, 200
            SO2_24H, 799.99, 200, 200
            SO2_24H, 800, 200, 200
            SO2_24H, 800.01, 201, 201
            SO2_24H, 801, 201, 201
            SO2_24H, 1599, 300, 300
            SO2_24H, 1599.99, 300, 300
            SO2_24H, 1600, 300, 300
            SO2_24H, 1600.01, 301, 301
            SO2_24H, 1601, 301, 301
            SO2_24H, 2099, 400, 400
            SO2_24H, 2099.99, 400, 400
            SO2_24H, 2100, 400, 400
            SO2_24H, 2100.01, 401, 401
            SO2_24H, 2101, 401, 401
            SO2_24H, 2619, 500, 500
            SO2_24H, 2619.99, 500, 500
            SO2_24H, 2620, 500, 500
            SO2_24H, 2620.01, 500, 500
            SO2_24H, 2621, 500, 500
            SO2_24H, 5240, 500, 500
            SO2_1H, 0, 0, 0
            SO2_1H, 0.01, 1, 1
            SO2_1H, 1, 1, 1
            SO2_1H, 149, 50, 50
            SO2_1H, 149.99, 50, 50
            SO2_1H, 150, 50, 50
            SO2_1H, 150.01, 51, 51
            SO2_1H, 151, 51, 51
            SO2_1H, 499, 100, 100
            SO2_1H, 499.99, 100, 100
            SO2_1H, 500, 100, 100
            SO2_1H, 500.01, 101, 101
            SO2_1H, 501, 101, 101
            SO2_1H, 649, 150, 150
            SO2_1H, 649.99, 150, 150
            SO2_1H, 650, 150, 150
            SO2_1H, 650.01, 151, 151
            SO2_1H, 651, 151, 151
            SO2_1H, 799, 200, 200
            SO2_1H, 799.99, 200, 200
            SO2_1H, 800, 200, 200
            SO2_1H, 800.01, , 200
            SO2_1H, 801, , 200
            SO2_1H, 1600, , 200
            NO2_24H, 0, 0, 0
            NO2_24H, 0.01, 1, 1
            NO2_24H, 1, 2, 2
            NO2_24H, 39, 49, 49
            NO2_24H, 39.99, 50, 50
            NO2_24H, 40, 50, 50
            NO2_24H, 40.01, 51, 51
            NO2_24H, 41, 52, 52
            NO2_24H, 79, 99, 99
            NO2_24H, 79.99, 100, 100
            NO2_24H, 80, 100, 100
            NO2_24H, 80.01, 101, 101
            NO2_24H, 81, 101, 101
            NO2_24H, 179, 150, 150
            NO2_24H, 179.99, 150, 150
            NO2_24H, 180, 150, 150
            NO2_24H, 180.01, 151, 151
            NO2_24H, 181, 151, 151
            NO2_24H, 279, 200, 200
            NO2_24H, 279.99, 200, 200
            NO2_24H, 280, 200, 200
            NO2_24H, 280.01, 201, 201
            NO2_24H, 281, 201, 201
            NO2_24H, 564, 300, 300
            NO2_24H, 564.99, 300, 300
            NO2_24H, 565, 300, 300
            NO2_24H, 565.01, 301, 301
            NO2_24H, 566, 301, 301
            NO2_24H, 749, 400, 400
            NO2_24H, 749.99, 400, 400
            NO2_24H, 750, 400, 400
            NO2_24H, 750.01, 401, 401
            NO2_24H, 751, 401, 401
            NO2_24H, 939, 500, 500
            NO2_24H, 939.99, 500, 500
            NO2_24H, 940, 500, 500
            NO2_24H, 940.01, 500, 500
            NO2_24H, 941, 500, 500
            NO2_24H, 1880, 500, 500
            NO2_1H, 0, 0, 0
            NO2_1H, 0.01, 1, 1
            NO2_1H, 1, 1, 1
            NO2_1H, 99, 50, 50
            NO2_1H, 99.99, 50, 50
            NO2_1H, 100, 50, 50
            NO2_1H, 100.01, 51, 51
            NO2_1H, 101, 51, 51
            NO2_1H, 199, 100, 100
            NO2_1H, 199.99, 100, 100
            NO2_1H, 200, 100, 100
            NO2_1H, 200.01, 101, 101
            NO2_1H, 201, 101, 101
            NO2_1H, 699, 150, 150
            NO2_1H, 699.99, 150, 150
            NO2_1H, 700, 150, 150
            NO2_1H, 700.01, 151, 151
            NO2_1H, 701, 151, 151
            NO2_1H, 1199, 200, 200
            NO2_1H, 1199.99, 200, 200
            NO2_1H, 1200, 200, 200
            NO2_1H, 1200.01, 201, 201
            NO2_1H, 1201, 201, 201
            NO2_1H, 2339, 300, 300
            NO2_1H, 2339.99, 300, 300
            NO2_1H, 2340, 300, 300
            NO2_1H, 2340.01, 301, 301
            NO2_1H, 2341, 301, 301
            NO2_1H, 3089, 400, 400
            NO2_1H, 3089.99, 400, 400
            NO2_1H, 3090, 400, 400
            NO2_1H, 3090.01, 401, 401
            NO2_1H, 3091, 401, 401
            NO2_1H, 3839, 500, 500
            NO2_1H, 3839.99, 500, 500
            NO2_1H, 3840, 500, 500
            NO2_1H, 3840.01, 500, 500
            NO2_1H, 3841, 500, 500
            NO2_1H, 7680, 500, 500
            PM10_24H, 0, 0, 0
            PM10_24H, 0.01, 1, 1
            PM10_24H, 1, 1, 1
            PM10_24H, 49, 49, 49
            PM10_24H, 49.99, 50, 50
            PM10_24H, 50, 50, 50
            PM10_24H, 50.01, 51, 51
            PM10_24H, 51, 51, 51
            PM10_24H, 119, 85, 100
            PM10_24H, 119.99, 85, 100
            PM10_24H, 120, 85, 100
            PM10_24H, 120.01, 86, 101
            PM10_24H, 121, 86, 101
            PM10_24H, 149, 100, 112
            PM10_24H, 149.99, 100, 112
            PM10_24H, 150, 100, 112
            PM10_24H, 150.01, 101, 112
            PM10_24H, 151, 101, 112
            PM10_24H, 249, 150, 150
            PM10_24H, 249.99, 150, 150
            PM10_24H, 250, 150, 150
            PM10_24H, 250.01, 151, 151
            PM10_24H, 251, 151, 151
            PM10_24H, 349, 200, 200
            PM10_24H, 349.99, 200, 200
            PM10_24H, 350, 200, 200
            PM10_24H, 350.01, 201, 201
            PM10_24H, 351, 202, 202
            PM10_24H, 419, 299, 299
            PM10_24H, 419.99, 300, 300
            PM10_24H, 420, 300, 300
            PM10_24H, 420.01, 301, 301
            PM10_24H, 421, 302, 302
            PM10_24H, 499, 399, 399
            PM10_24H, 499.99, 400, 400
            PM10_24H, 500, 400, 400
            PM10_24H, 500.01, 401, 401
            PM10_24H, 501, 401, 401
            PM10_24H, 599, 499, 499
            PM10_24H, 599.99, 500, 500
            PM10_24H, 600, 500, 500
            PM10_24H, 600.01, 500, 500
            PM10_24H, 601, 500, 500
            PM10_24H, 1200, 500, 500
            CO_24H, 0, 0, 0
            CO_24H, 0.001, 1, 1
            CO_24H, 0.1, 3, 3
            CO_24H, 1.9, 48, 48
            CO_24H, 1.999, 50, 50
            CO_24H, 2, 50, 50
            CO_24H, 2.001, 51, 51
            CO_24H, 2.1, 53, 53
            CO_24H, 3.9, 98, 98
            CO_24H, 3.999, 100, 100
            CO_24H, 4, 100, 100
            CO_24H, 4.001, 101, 101
            CO_24H, 4.1, 101, 101
            CO_24H, 13.9, 150, 150
            CO_24H, 13.999, 150, 150
            CO_24H, 14, 150, 150
            CO_24H, 14.001, 151, 151
            CO_24H, 14.1, 151, 151
            CO_24H, 23.9, 200, 200
            CO_24H, 23.999, 200, 200
            CO_24H, 24, 200, 200
            CO_24H, 24.001, 201, 201
            CO_24H, 24.1, 201, 201
            CO_24H, 35.9, 300, 300
            CO_24H, 35.999, 300, 300
            CO_24H, 36, 300, 300
            CO_24H, 36.001, 301, 301
            CO_24H, 36.1, 301, 301
            CO_24H, 47.9, 400, 400
            CO_24H, 47.999, 400, 400
            CO_24H, 48, 400, 400
            CO_24H, 48.001, 401, 401
            CO_24H, 48.1, 401, 401
            CO_24H, 59.9, 500, 500
            CO_24H, 59.999, 500, 500
            CO_24H, 60, 500, 500
            CO_24H, 60.001, 500, 500
            CO_24H, 60.1, 500, 500
            CO_24H, 120, 500, 500
            CO_1H, 0, 0, 0
            CO_1H, 0.001, 1, 1
            CO_1H, 0.1, 1, 1
            CO_1H, 4.9, 49, 49
            CO_1H, 4.999, 50, 50
            CO_1H, 5, 50, 50
            CO_1H, 5.001, 51, 51
            CO_1H, 5.1, 51, 51
            CO_1H, 9.9, 99, 99
            CO_1H, 9.999, 100, 100
            CO_1H, 10, 100, 100
            CO_1H, 10.001, 101, 101
            CO_1H, 10.1, 101, 101
            CO_1H, 34.9, 150, 150
            CO_1H, 34.999, 150, 150
            CO_1H, 35, 150, 150
            CO_1H, 35.001, 151, 151
            CO_1H, 35.1, 151, 151
            CO_1H, 59.9, 200, 200
            CO_1H, 59.999, 200, 200
            CO_1H, 60, 200, 200
            CO_1H, 60.001, 201, 201
            CO_1H, 60.1, 201, 201
            CO_1H, 89.9, 300, 300
            CO_1H, 89.999, 300, 300
            CO_1H, 90, 300, 300
            CO_1H, 90.001, 301, 301
            CO_1H, 90.1, 301, 301
            CO_1H, 119.9, 400, 400
            CO_1H, 119.999, 400, 400
            CO_1H, 120, 400, 400
            CO_1H, 120.001, 401, 401
            CO_1H, 120.1, 401, 401
            CO_1H, 149.9, 500, 500
            CO_1H, 149.999, 500, 500
            CO_1H, 150, 500, 500
            CO_1H, 150.001, 500, 500
            CO_1H, 150.1, 500, 500
            CO_1H, 300, 500, 500
            O3_1H, 0, 0, 0
            O3_1H, 0.01, 1, 1
            O3_1H, 1, 1, 1
            O3_1H, 159, 50, 50
            O3_1H, 159.99, 50, 50
            O3_1H, 160, 50, 50
            O3_1H, 160.01, 51, 51
            O3_1H, 161, 52, 52
            O3_1H, 199, 99, 99
            O3_1H, 199.99, 100, 100
            O3_1H, 200, 100, 100
            O3_1H, 200.01, 101, 101
            O3_1H, 201, 101, 101
            O3_1H, 299, 150, 150
            O3_1H, 299.99, 150, 150
            O3_1H, 300, 150, 150
            O3_1H, 300.01, 151, 151
            O3_1H, 301, 151, 151
            O3_1H, 399, 200, 200
            O3_1H, 399.99, 200, 200
            O3_1H, 400, 200, 200
            O3_1H, 400.01, 201, 201
            O3_1H, 401, 201, 201
            O3_1H, 799, 300, 300
            O3_1H, 799.99, 300, 300
            O3_1H, 800, 300, 300
            O3_1H, 800.01, 301, 301
            O3_1H, 801, 301, 301
            O3_1H, 999, 400, 400
            O3_1H, 999.99, 400, 400
            O3_1H, 1000, 400, 400
            O3_1H, 1000.01, 401, 401
            O3_1H, 1001, 401, 401
            O3_1H, 1199, 500, 500
            O3_1H, 1199.99, 500, 500
            O3_1H, 1200, 500, 500
            O3_1H, 1200.01, 500, 500
            O3_1H, 1201, 500, 500
            O3_1H, 2400, 500, 500
            O3_8H, 0, 0, 0
            O3_8H, 0.01, 1, 1
            O3_8H, 1, 1, 1
            O3_8H, 99, 50, 50
            O3_8H, 99.99, 50, 50
            O3_8H, 100, 50, 50
            O3_8H, 100.01, 51, 51
            O3_8H, 101, 51, 51
            O3_8H, 159, 100, 100
            O3_8H, 159.99, 100, 100
            O3_8H, 160, 100, 100
            O3_8H, 160.01, 101, 101
            O3_8H, 161, 101, 101
            O3_8H, 214, 150, 150
            O3_8H, 214.99, 150, 150
            O3_8H, 215, 150, 150
            O3_8H, 215.01, 151, 151
            O3_8H, 216, 151, 151
            O3_8H, 264, 199, 199
            O3_8H, 264.99, 200, 200
            O3_8H, 265, 200, 200
            O3_8H, 265.01, 201, 201
            O3_8H, 266, 201, 201
            O3_8H, 799, 300, 300
            O3_8H, 799.99, 300, 300
            O3_8H, 800, 300, 300
            O3_8H, 800.01, , 300
            O3_8H, 801, , 300
            O3_8H, 1600, , 300
            PM2_5_24H, 0, 0, 0
            PM2_5_24H, 0.01, 1, 1
            PM2_5_24H, 1, 2, 2
            PM2_5_24H, 34, 49, 49
            PM2_5_24H, 34.99, 50, 50
            PM2_5_24H, 35, 50, 50
            PM2_5_24H, 35.01, 51, 51
            PM2_5_24H, 36, 52, 52
            PM2_5_24H, 59, 80, 98
            PM2_5_24H, 59.99, 82, 100
            PM2_5_24H, 60, 82, 100
            PM2_5_24H, 60.01, 82, 101
            PM2_5_24H, 61, 83, 101
            PM2_5_24H, 74, 99, 113
            PM2_5_24H, 74.99, 100, 114
            PM2_5_24H, 75, 100, 114
            PM2_5_24H, 75.01, 101, 114
            PM2_5_24H, 76, 102, 115
            PM2_5_24H, 114, 149, 150
            PM2_5_24H, 114.99, 150, 150
            PM2_5_24H, 115, 150, 150
            PM2_5_24H, 115.01, 151, 151
            PM2_5_24H, 116, 152, 152
            PM2_5_24H, 149, 199, 199
            PM2_5_24H, 149.99, 200, 200
            PM2_5_24H, 150, 200, 200
            PM2_5_24H, 150.01, 201, 201
            PM2_5_24H, 151, 201, 201
            PM2_5_24H, 249, 299, 299
            PM2_5_24H, 249.99, 300, 300
            PM2_5_24H, 250, 300, 300
            PM2_5_24H, 250.01, 301, 301
            PM2_5_24H, 251, 301, 301
            PM2_5_24H, 349, 399, 399
            PM2_5_24H, 349.99, 400, 400
            PM2_5_24H, 350, 400, 400
            PM2_5_24H, 350.01, 401, 401
            PM2_5_24H, 351, 401, 401
            PM2_5_24H, 499, 500, 500
            PM2_5_24H, 499.99, 500, 500
            PM2_5_24H, 500, 500, 500
            PM2_5_24H, 500.01, 500, 500
            PM2_5_24H, 501, 500, 500
            PM2_5_24H, 1000, 500, 500
            """)
    void goldenSubIndicesOfBothEditions(Indicator indicator, BigDecimal concentration, Integer iaqi2012, Integer iaqi2026) {
        assertThat(AqiCalculator.iaqi(HJ_633_2012, indicator, concentration))
                .isEqualTo(iaqi2012 == null ? OptionalInt.empty() : OptionalInt.of(iaqi2012));
        assertThat(AqiCalculator.iaqi(HJ_633_2026, indicator, concentration))
                .isEqualTo(iaqi2026 == null ? OptionalInt.empty() : OptionalInt.of(iaqi2026));
    }

    @Test
    void aNodeGivesExactlyItsIndexWhereBinaryFloatingPointWouldRoundUpPastIt() {
        // CO 24 h 2.2 mg/m³: 50 + 50 × 0.2 / 2 = 55 exactly. In doubles 2.2 − 2 = 0.20000000000000018, and the
        // ceiling of 55.0000000000000045 is 56: the reason the calculation is in BigDecimal.
        double inDoubles = (100 - 50) / (4.0 - 2.0) * (2.2 - 2.0) + 50;
        assertThat(Math.ceil(inDoubles)).isEqualTo(56.0);
        assertThat(AqiCalculator.iaqi(HJ_633_2012, Indicator.CO_24H, new BigDecimal("2.2"))).hasValue(55);
        // NO2 24 h 565 µg/m³ is the IAQI 300 node in both editions
        assertThat(AqiCalculator.iaqi(HJ_633_2026, Indicator.NO2_24H, new BigDecimal("565"))).hasValue(300);
        // a hair above a node is the next integer: rounding is up, never to nearest
        assertThat(AqiCalculator.iaqi(HJ_633_2026, Indicator.NO2_24H, new BigDecimal("565.000001"))).hasValue(301);
    }

    @Test
    void concentrationsAreUsedAsGivenNotRoundedFirst() {
        // 35.4 µg/m³ PM2.5 is 50 + ⌈50 × 0.4 / 40⌉ = 51; rounding it to 35 first would give 50
        assertThat(AqiCalculator.iaqi(HJ_633_2012, Indicator.PM2_5_24H, new BigDecimal("35.4"))).hasValue(51);
    }

    @Test
    void anIndicatorTheChineseTablesDoNotHaveAndNegativeValuesAreRefused() {
        assertThat(HJ_633_2026.defines(Indicator.CO_8H)).isFalse();
        assertThatThrownBy(() -> AqiCalculator.iaqi(HJ_633_2026, Indicator.CO_8H, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CO_8h");
        assertThatThrownBy(() -> AqiCalculator.iaqi(HJ_633_2012, Indicator.PM10_24H, new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void theEditionsDifferOnlyInTheParticleNodesAtIaqi100AndTheNotesOnColumnsThatStopEarly() {
        for (Indicator indicator : Indicator.values()) {
            if (!HJ_633_2012.defines(indicator)) {
                continue;
            }
            BreakpointColumn old = HJ_633_2012.column(indicator).orElseThrow();
            BreakpointColumn now = HJ_633_2026.column(indicator).orElseThrow();
            boolean particles = indicator == Indicator.PM2_5_24H || indicator == Indicator.PM10_24H;
            boolean stopsEarly = indicator == Indicator.SO2_1H || indicator == Indicator.O3_8H;
            assertThat(old.segments().equals(now.segments())).as(indicator.key()).isEqualTo(!particles);
            assertThat(old.aboveTop().equals(now.aboveTop())).as(indicator.key()).isEqualTo(!stopsEarly);
        }
    }
}
