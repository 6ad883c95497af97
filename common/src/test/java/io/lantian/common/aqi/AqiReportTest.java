package io.lantian.common.aqi;

import io.lantian.common.pollutant.Pollutant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

import static io.lantian.common.aqi.AqiStandard.HJ_633_2012;
import static io.lantian.common.aqi.AqiStandard.HJ_633_2026;
import static io.lantian.common.aqi.Indicator.CO_1H;
import static io.lantian.common.aqi.Indicator.CO_24H;
import static io.lantian.common.aqi.Indicator.NO2_1H;
import static io.lantian.common.aqi.Indicator.NO2_24H;
import static io.lantian.common.aqi.Indicator.O3_1H;
import static io.lantian.common.aqi.Indicator.O3_8H;
import static io.lantian.common.aqi.Indicator.PM10_24H;
import static io.lantian.common.aqi.Indicator.PM2_5_24H;
import static io.lantian.common.aqi.Indicator.SO2_1H;
import static io.lantian.common.aqi.Indicator.SO2_24H;
import static io.lantian.common.aqi.ReportType.DAILY;
import static io.lantian.common.aqi.ReportType.REALTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real-time and daily reports of HJ 633: columns, edition rules, AQI, primary/exceeding pollutants, category. */
class AqiReportTest {

    static Map<Indicator, BigDecimal> values(Object... keyValue) {
        Map<Indicator, BigDecimal> m = new EnumMap<>(Indicator.class);
        for (int i = 0; i < keyValue.length; i += 2) {
            m.put((Indicator) keyValue[i], new BigDecimal(keyValue[i + 1].toString()));
        }
        return m;
    }

    @Test
    void theSameDayIsGoodUnder2012AndLightlyPollutedUnder2026() {
        // a daily PM2.5 mean of 70 µg/m³ on the last day of 2012 and the first day of 2026
        Map<Indicator, BigDecimal> day = values(PM2_5_24H, "70", PM10_24H, "90", NO2_24H, "35", SO2_24H, "8",
                CO_24H, "0.9", O3_8H, "60", O3_1H, "80");

        AqiReport before = AqiCalculator.evaluate(AqiStandard.inForceOn(LocalDate.of(2026, 2, 28)), DAILY, day);
        AqiReport after = AqiCalculator.evaluate(AqiStandard.inForceOn(LocalDate.of(2026, 3, 1)), DAILY, day);

        // 2012: 50 + ⌈50 × 35 / 40⌉ = 94; 2026: 100 + ⌈50 × 10 / 55⌉ = 110
        assertThat(before.standard()).isSameAs(HJ_633_2012);
        assertThat(before.aqi()).hasValue(94);
        assertThat(before.category().orElseThrow().name()).isEqualTo("良");
        assertThat(before.exceedingPollutants()).isEmpty();
        assertThat(after.standard()).isSameAs(HJ_633_2026);
        assertThat(after.aqi()).hasValue(110);
        assertThat(after.category().orElseThrow().name()).isEqualTo("轻度污染");
        assertThat(after.category().orElseThrow().color()).isEqualTo("#FF7E00");
        assertThat(after.primaryPollutants()).containsExactly(PM2_5_24H);
        // PM10 90 stays 良 but rises: 2012 50 + 50 × 40 / 100 = 70; 2026 50 + ⌈50 × 40 / 70⌉ = 79
        assertThat(before.iaqi(PM10_24H)).hasValue(70);
        assertThat(after.iaqi(PM10_24H)).hasValue(79);
        assertThat(after.exceedingPollutants()).containsExactly(PM2_5_24H);
    }

    @Test
    void realTimeUsesOneHourColumnsAndParticlesOnTheir24HourColumns() {
        Map<Indicator, BigDecimal> hour = values(SO2_1H, "160", NO2_1H, "150", CO_1H, "6", O3_1H, "170",
                O3_8H, "110", PM2_5_24H, "80", PM10_24H, "100", NO2_24H, "90", CO_24H, "3");

        AqiReport report = AqiCalculator.evaluate(HJ_633_2026, REALTIME, hour);

        assertThat(report.iaqi(SO2_1H)).hasValue(52);      // 50 + ⌈50 × 10 / 350⌉
        assertThat(report.iaqi(NO2_1H)).hasValue(75);      // 50 + 50 × 50 / 100
        assertThat(report.iaqi(CO_1H)).hasValue(60);       // 50 + 50 × 1 / 5
        assertThat(report.iaqi(O3_1H)).hasValue(63);       // 50 + ⌈50 × 10 / 40⌉
        assertThat(report.iaqi(O3_8H)).hasValue(59);       // 50 + ⌈50 × 10 / 60⌉
        assertThat(report.iaqi(PM2_5_24H)).hasValue(119);  // 100 + ⌈50 × 20 / 55⌉
        assertThat(report.iaqi(PM10_24H)).hasValue(86);    // 50 + ⌈50 × 50 / 70⌉
        // 24-h NO2 and CO are daily-report columns
        assertThat(report.subIndex(NO2_24H).orElseThrow().status()).isEqualTo(SubIndex.Status.NOT_IN_REPORT);
        assertThat(report.iaqi(CO_24H)).isEmpty();
        assertThat(report.aqi()).hasValue(119);
        assertThat(report.primaryPollutants()).containsExactly(PM2_5_24H);
        assertThat(report.exceedingPollutants()).containsExactly(PM2_5_24H);
    }

    @Test
    void dailyUses24HourColumnsAndBothOzoneMaxima() {
        Map<Indicator, BigDecimal> day = values(SO2_24H, "160", SO2_1H, "600", NO2_24H, "90", NO2_1H, "300",
                CO_24H, "3", CO_1H, "12", O3_8H, "170", O3_1H, "250");

        AqiReport report = AqiCalculator.evaluate(HJ_633_2012, DAILY, day);

        assertThat(report.iaqi(SO2_24H)).hasValue(102);    // 100 + ⌈50 × 10 / 325⌉: the 24-h column, not the 1-h one
        assertThat(report.iaqi(NO2_24H)).hasValue(105);    // 100 + 50 × 10 / 100
        assertThat(report.iaqi(CO_24H)).hasValue(75);
        assertThat(report.iaqi(O3_8H)).hasValue(110);      // 100 + ⌈50 × 10 / 55⌉
        assertThat(report.iaqi(O3_1H)).hasValue(125);      // 100 + 50 × 50 / 100
        for (Indicator oneHour : new Indicator[]{SO2_1H, NO2_1H, CO_1H}) {
            SubIndex s = report.subIndex(oneHour).orElseThrow();
            assertThat(s.value()).as(oneHour.key()).isEmpty();
            assertThat(s.status()).isEqualTo(SubIndex.Status.NOT_IN_REPORT);
            assertThat(s.note()).contains("DAILY");
        }
        assertThat(report.aqi()).hasValue(125);
        assertThat(report.primaryPollutants()).containsExactly(O3_1H);
        assertThat(report.exceedingPollutants()).containsExactly(SO2_24H, NO2_24H, O3_1H, O3_8H);
    }

    @Test
    void so2AboveEightHundredInTheRealTimeReport2012FallsBackTo24Hours2026HoldsTwoHundred() {
        Map<Indicator, BigDecimal> hour = values(SO2_1H, "900", SO2_24H, "300", PM2_5_24H, "20");

        AqiReport old = AqiCalculator.evaluate(HJ_633_2012, REALTIME, hour);
        assertThat(old.iaqi(SO2_1H)).isEmpty();
        assertThat(old.subIndex(SO2_1H).orElseThrow().status()).isEqualTo(SubIndex.Status.ABOVE_COLUMN);
        assertThat(old.subIndex(SO2_1H).orElseThrow().note()).contains("note (2)");
        assertThat(old.iaqi(SO2_24H)).hasValue(124);        // 100 + ⌈50 × 150 / 325⌉ on the 24-h column
        assertThat(old.aqi()).hasValue(124);
        assertThat(old.primaryPollutants()).containsExactly(SO2_24H);

        AqiReport now = AqiCalculator.evaluate(HJ_633_2026, REALTIME, hour);
        assertThat(now.iaqi(SO2_1H)).hasValue(200);
        assertThat(now.subIndex(SO2_1H).orElseThrow().status()).isEqualTo(SubIndex.Status.HELD_AT_COLUMN_TOP);
        assertThat(now.subIndex(SO2_24H).orElseThrow().status()).isEqualTo(SubIndex.Status.NOT_IN_REPORT);
        assertThat(now.aqi()).hasValue(200);
        assertThat(now.primaryPollutants()).containsExactly(SO2_1H);
    }

    @Test
    void theSo2FallbackIsNotUsedWhileThe1HourValueIsOnItsColumn() {
        AqiReport report = AqiCalculator.evaluate(HJ_633_2012, REALTIME, values(SO2_1H, "800", SO2_24H, "300"));

        assertThat(report.iaqi(SO2_1H)).hasValue(200);
        assertThat(report.subIndex(SO2_24H).orElseThrow().status()).isEqualTo(SubIndex.Status.FALLBACK_NOT_NEEDED);
        assertThat(report.aqi()).hasValue(200);
    }

    @Test
    void ozone8HoursAboveEightHundred2012UsesThe1HourValue2026HoldsThreeHundred() {
        Map<Indicator, BigDecimal> day = values(O3_8H, "850", O3_1H, "700");

        AqiReport old = AqiCalculator.evaluate(HJ_633_2012, DAILY, day);
        assertThat(old.iaqi(O3_8H)).isEmpty();
        assertThat(old.subIndex(O3_8H).orElseThrow().note()).contains("note (3)");
        assertThat(old.iaqi(O3_1H)).hasValue(275);          // 200 + 100 × 300 / 400
        assertThat(old.aqi()).hasValue(275);

        AqiReport now = AqiCalculator.evaluate(HJ_633_2026, DAILY, day);
        assertThat(now.iaqi(O3_8H)).hasValue(300);
        assertThat(now.aqi()).hasValue(300);
        assertThat(now.primaryPollutants()).containsExactly(O3_8H);
    }

    @Test
    void primaryPollutantsIncludeTiesAndOnlyAboveFifty() {
        AqiReport tie = AqiCalculator.evaluate(HJ_633_2012, DAILY, values(PM2_5_24H, "75", PM10_24H, "150", NO2_24H, "40"));
        assertThat(tie.aqi()).hasValue(100);
        assertThat(tie.primaryPollutants()).containsExactly(PM2_5_24H, PM10_24H);
        assertThat(tie.exceedingPollutants()).as("IAQI 100 is not above 100").isEmpty();

        AqiReport clean = AqiCalculator.evaluate(HJ_633_2012, DAILY, values(PM2_5_24H, "35", NO2_24H, "40"));
        assertThat(clean.aqi()).hasValue(50);
        assertThat(clean.primaryPollutants()).as("no primary pollutant at AQI ≤ 50").isEmpty();
        assertThat(clean.category().orElseThrow().level()).isEqualTo(1);
    }

    @ParameterizedTest(name = "AQI {0} -> level {1} {2} {3}")
    @CsvSource({
            "0, 1, 优, #00E400", "50, 1, 优, #00E400", "51, 2, 良, #FFFF00", "100, 2, 良, #FFFF00",
            "101, 3, 轻度污染, #FF7E00", "150, 3, 轻度污染, #FF7E00", "151, 4, 中度污染, #FF0000", "200, 4, 中度污染, #FF0000",
            "201, 5, 重度污染, #99004C", "300, 5, 重度污染, #99004C", "301, 6, 严重污染, #7E0023", "500, 6, 严重污染, #7E0023",
    })
    void categoriesAndColoursOfBothEditions(int aqi, int level, String name, String color) {
        for (AqiStandard standard : new AqiStandard[]{HJ_633_2012, HJ_633_2026}) {
            AqiCategory category = standard.category(aqi);
            assertThat(category.level()).isEqualTo(level);
            assertThat(category.name()).isEqualTo(name);
            assertThat(category.color()).isEqualTo(color);
            assertThat(category.healthEffect().zh()).isNotBlank();
            assertThat(category.advice().en()).isNotBlank();
        }
    }

    @Test
    void aboveTheTopOfTheIndexIsReportedAs500AndFlagged() {
        AqiReport report = AqiCalculator.evaluate(HJ_633_2026, DAILY, values(PM2_5_24H, "650"));

        SubIndex pm = report.subIndex(PM2_5_24H).orElseThrow();
        assertThat(pm.value()).hasValue(500);
        assertThat(pm.status()).isEqualTo(SubIndex.Status.BEYOND_INDEX);
        assertThat(pm.note()).contains("500 µg/m³");
        assertThat(report.category().orElseThrow().level()).isEqualTo(6);
    }

    @Test
    void withoutAnySubIndexThereIsNoAqi() {
        AqiReport report = AqiCalculator.evaluate(HJ_633_2012, DAILY, values(SO2_1H, "30"));

        assertThat(report.aqi()).isEmpty();
        assertThat(report.category()).isEmpty();
        assertThat(report.primaryPollutants()).isEmpty();
        assertThat(report.missingPollutants()).hasSize(6);
    }

    @Test
    void missingPollutantsAreThoseWithoutASubIndex() {
        AqiReport report = AqiCalculator.evaluate(HJ_633_2026, REALTIME, values(PM2_5_24H, "30", O3_8H, "50", NO2_24H, "20"));

        assertThat(report.missingPollutants()).containsExactlyInAnyOrder(Pollutant.PM10, Pollutant.SO2, Pollutant.NO2, Pollutant.CO);
    }

    @Test
    void undefinedIndicatorsAndNegativeValuesAreRefused() {
        assertThatThrownBy(() -> AqiCalculator.evaluate(HJ_633_2026, DAILY, values(Indicator.CO_8H, "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CO_8h");
        assertThatThrownBy(() -> AqiCalculator.evaluate(HJ_633_2026, DAILY, values(PM2_5_24H, "-0.1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void theStandardIsChosenByDate() {
        assertThat(AqiStandard.inForceOn(LocalDate.of(2020, 1, 1))).isSameAs(HJ_633_2012);
        assertThat(AqiStandard.inForceOn(LocalDate.of(2026, 2, 28))).isSameAs(HJ_633_2012);
        assertThat(AqiStandard.inForceOn(LocalDate.of(2026, 3, 1))).isSameAs(HJ_633_2026);
        assertThat(AqiStandard.ofCode("HJ633-2026")).containsSame(HJ_633_2026);
        assertThat(AqiStandard.ofCode("US-EPA-2024")).containsSame(AqiStandard.US_EPA_2024);
        assertThat(AqiStandard.ofCode("hj633-2026")).isEmpty();
    }

    @Test
    void hourlyMeansOfARegionKeepTheirRealTimeColumns() {
        Map<Pollutant, Double> means = new EnumMap<>(Pollutant.class);
        means.put(Pollutant.PM2_5, 160.0);
        means.put(Pollutant.NO2, 100.0);
        means.put(Pollutant.SO2, -1.0);   // no concentration: no sub-index, as before
        means.put(Pollutant.O3, Double.NaN);

        AqiReport report = AqiCalculator.realTime(HJ_633_2026, means);

        assertThat(report.type()).isEqualTo(REALTIME);
        assertThat(report.iaqi(PM2_5_24H)).hasValue(210);   // 200 + 100 × 10 / 100: the hourly value on the 24-h column
        assertThat(report.iaqi(NO2_1H)).hasValue(50);
        assertThat(report.subIndex(SO2_1H)).isEmpty();
        assertThat(report.aqi()).isEqualTo(OptionalInt.of(210));
    }
}
