package io.lantian.common.aqi;

import io.lantian.common.pollutant.Pollutant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalInt;

import static io.lantian.common.aqi.AqiStandard.HJ_633_2012;
import static io.lantian.common.aqi.AqiStandard.HJ_633_2026;
import static org.assertj.core.api.Assertions.assertThat;

class AqiCalculatorTest {

    /** Golden nodes of HJ 633-2012 表1, one row per column and node (see domain.md 1.3 and its pitfall). */
    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({
            "SO2_24H, 150, 100", "SO2_24H, 475, 150", "SO2_24H, 2620, 500",
            "SO2_1H, 500, 100", "SO2_1H, 800, 200",
            "NO2_24H, 80, 100", "NO2_24H, 565, 300", "NO2_1H, 1200, 200",
            "PM10_24H, 150, 100", "PM10_24H, 420, 300",
            "CO_24H, 4, 100", "CO_1H, 10, 100", "CO_1H, 150, 500",
            "O3_1H, 200, 100", "O3_1H, 1200, 500", "O3_8H, 265, 200",
            "PM2_5_24H, 75, 100", "PM2_5_24H, 150, 200", "PM2_5_24H, 250, 300", "PM2_5_24H, 500, 500",
    })
    void nodesOf2012(Indicator indicator, double concentration, int expected) {
        assertThat(AqiCalculator.iaqi(HJ_633_2012, indicator, concentration)).hasValue(expected);
    }

    @Test
    void the2026EditionLowersTheParticleNodeAtIaqi100() {
        assertThat(AqiCalculator.iaqi(HJ_633_2026, Indicator.PM2_5_24H, 60)).hasValue(100);
        assertThat(AqiCalculator.iaqi(HJ_633_2026, Indicator.PM10_24H, 120)).hasValue(100);
        assertThat(AqiCalculator.iaqi(HJ_633_2012, Indicator.PM2_5_24H, 60)).hasValue(82);
        // unchanged above the changed node
        assertThat(AqiCalculator.iaqi(HJ_633_2026, Indicator.PM2_5_24H, 115)).hasValue(150);
    }

    @Test
    void interpolatesAndRoundsUp() {
        // 2012 PM2.5: (150-115)/(150-115)... 130 lies between 115 (150) and 150 (200): 150 + 50/35*15 = 171.43 -> 172
        assertThat(AqiCalculator.iaqi(HJ_633_2012, Indicator.PM2_5_24H, 130)).hasValue(172);
    }

    @Test
    void noSubIndexWhereTheStandardDefinesNone() {
        assertThat(AqiCalculator.iaqi(HJ_633_2012, Indicator.SO2_1H, 801)).isEqualTo(OptionalInt.empty());
        assertThat(AqiCalculator.iaqi(HJ_633_2012, Indicator.O3_8H, 801)).isEqualTo(OptionalInt.empty());
        assertThat(AqiCalculator.iaqi(HJ_633_2012, Indicator.PM10_24H, -1)).isEqualTo(OptionalInt.empty());
        assertThat(AqiCalculator.iaqi(HJ_633_2012, Indicator.PM10_24H, 900)).hasValue(500);
    }

    @Test
    void standardIsChosenByDate() {
        assertThat(AqiStandard.inForceOn(LocalDate.of(2026, 2, 28))).isSameAs(HJ_633_2012);
        assertThat(AqiStandard.inForceOn(LocalDate.of(2026, 3, 1))).isSameAs(HJ_633_2026);
    }

    @Test
    void realTimeAqiIsTheHighestSubIndex() {
        var result = AqiCalculator.realTime(HJ_633_2026, Map.of(Pollutant.PM2_5, 150.0, Pollutant.NO2, 100.0));

        assertThat(result.aqi()).isEqualTo(200);
        assertThat(result.subIndices()).containsEntry(Pollutant.PM2_5, 200).containsEntry(Pollutant.NO2, 50);
        assertThat(result.standard()).isEqualTo("HJ 633-2026");
    }
}
