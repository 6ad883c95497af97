package io.lantian.common.aqi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

import static io.lantian.common.aqi.AqiStandard.US_EPA_2024;
import static io.lantian.common.aqi.Indicator.CO_8H;
import static io.lantian.common.aqi.Indicator.O3_1H;
import static io.lantian.common.aqi.Indicator.O3_8H;
import static io.lantian.common.aqi.Indicator.PM2_5_24H;
import static io.lantian.common.aqi.Indicator.SO2_1H;
import static io.lantian.common.aqi.Indicator.SO2_24H;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The US EPA AQI after the May 2024 revision (TAD EPA-454/B-24-002 Table 6): concentrations truncated
 * (PM2.5 0.1, PM10 1, O3 0.001 ppm, CO 0.1 ppm, SO2/NO2 1 ppb), index rounded to the nearest integer.
 */
class UsEpaAqiTest {

    /**
     * Every column at each segment's low and high, one truncation unit on either side, half a unit above
     * (truncated back) and the segment's middle; twice the top. Expected values from a separate exact-rational
     * implementation (Python {@code fractions}) of domain.md §7; e.g. PM2.5 9.05 truncates to 9.0 → 50, 9.1 → 51.
     * Column lookups only: O3 8-h above 0.200 ppm has no sub-index; SO2 1-h above 304 ppb is held at 200.
     */
    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource(textBlock = """
            PM2_5_24H, 0, 0
            PM2_5_24H, 0.05, 0
            PM2_5_24H, 0.1, 1
            PM2_5_24H, 4.5, 25
            PM2_5_24H, 8.9, 49
            PM2_5_24H, 9, 50
            PM2_5_24H, 9.05, 50
            PM2_5_24H, 9.1, 51
            PM2_5_24H, 9.15, 51
            PM2_5_24H, 9.2, 51
            PM2_5_24H, 22.25, 75
            PM2_5_24H, 35.3, 100
            PM2_5_24H, 35.4, 100
            PM2_5_24H, 35.45, 100
            PM2_5_24H, 35.5, 101
            PM2_5_24H, 35.55, 101
            PM2_5_24H, 35.6, 101
            PM2_5_24H, 45.45, 125
            PM2_5_24H, 55.3, 150
            PM2_5_24H, 55.4, 150
            PM2_5_24H, 55.45, 150
            PM2_5_24H, 55.5, 151
            PM2_5_24H, 55.55, 151
            PM2_5_24H, 55.6, 151
            PM2_5_24H, 90.45, 175
            PM2_5_24H, 125.3, 200
            PM2_5_24H, 125.4, 200
            PM2_5_24H, 125.45, 200
            PM2_5_24H, 125.5, 201
            PM2_5_24H, 125.55, 201
            PM2_5_24H, 125.6, 201
            PM2_5_24H, 175.45, 250
            PM2_5_24H, 225.3, 300
            PM2_5_24H, 225.4, 300
            PM2_5_24H, 225.45, 300
            PM2_5_24H, 225.5, 301
            PM2_5_24H, 225.55, 301
            PM2_5_24H, 225.6, 301
            PM2_5_24H, 275.45, 400
            PM2_5_24H, 325.3, 500
            PM2_5_24H, 325.4, 500
            PM2_5_24H, 325.45, 500
            PM2_5_24H, 325.5, 500
            PM2_5_24H, 650.8, 500
            PM10_24H, 0, 0
            PM10_24H, 0.5, 0
            PM10_24H, 1, 1
            PM10_24H, 27, 25
            PM10_24H, 53, 49
            PM10_24H, 54, 50
            PM10_24H, 54.5, 50
            PM10_24H, 55, 51
            PM10_24H, 55.5, 51
            PM10_24H, 56, 51
            PM10_24H, 104.5, 75
            PM10_24H, 153, 100
            PM10_24H, 154, 100
            PM10_24H, 154.5, 100
            PM10_24H, 155, 101
            PM10_24H, 155.5, 101
            PM10_24H, 156, 101
            PM10_24H, 204.5, 125
            PM10_24H, 253, 150
            PM10_24H, 254, 150
            PM10_24H, 254.5, 150
            PM10_24H, 255, 151
            PM10_24H, 255.5, 151
            PM10_24H, 256, 151
            PM10_24H, 304.5, 175
            PM10_24H, 353, 200
            PM10_24H, 354, 200
            PM10_24H, 354.5, 200
            PM10_24H, 355, 201
            PM10_24H, 355.5, 201
            PM10_24H, 356, 202
            PM10_24H, 389.5, 250
            PM10_24H, 423, 299
            PM10_24H, 424, 300
            PM10_24H, 424.5, 300
            PM10_24H, 425, 301
            PM10_24H, 425.5, 301
            PM10_24H, 426, 302
            PM10_24H, 514.5, 400
            PM10_24H, 603, 499
            PM10_24H, 604, 500
            PM10_24H, 604.5, 500
            PM10_24H, 605, 500
            PM10_24H, 1208, 500
            O3_8H, 0, 0
            O3_8H, 0.0005, 0
            O3_8H, 0.001, 1
            O3_8H, 0.027, 25
            O3_8H, 0.053, 49
            O3_8H, 0.054, 50
            O3_8H, 0.0545, 50
            O3_8H, 0.055, 51
            O3_8H, 0.0555, 51
            O3_8H, 0.056, 54
            O3_8H, 0.0625, 74
            O3_8H, 0.069, 97
            O3_8H, 0.07, 100
            O3_8H, 0.0705, 100
            O3_8H, 0.071, 101
            O3_8H, 0.0715, 101
            O3_8H, 0.072, 105
            O3_8H, 0.078, 126
            O3_8H, 0.084, 147
            O3_8H, 0.085, 150
            O3_8H, 0.0855, 150
            O3_8H, 0.086, 151
            O3_8H, 0.0865, 151
            O3_8H, 0.087, 154
            O3_8H, 0.0955, 174
            O3_8H, 0.104, 197
            O3_8H, 0.105, 200
            O3_8H, 0.1055, 200
            O3_8H, 0.106, 201
            O3_8H, 0.1065, 201
            O3_8H, 0.107, 202
            O3_8H, 0.153, 251
            O3_8H, 0.199, 299
            O3_8H, 0.2, 300
            O3_8H, 0.2005, 300
            O3_8H, 0.201, 
            O3_8H, 0.4, 
            O3_1H, 0.124, 
            O3_1H, 0.125, 101
            O3_1H, 0.1255, 101
            O3_1H, 0.126, 102
            O3_1H, 0.1445, 125
            O3_1H, 0.163, 149
            O3_1H, 0.164, 150
            O3_1H, 0.1645, 150
            O3_1H, 0.165, 151
            O3_1H, 0.1655, 151
            O3_1H, 0.166, 152
            O3_1H, 0.1845, 175
            O3_1H, 0.203, 199
            O3_1H, 0.204, 200
            O3_1H, 0.2045, 200
            O3_1H, 0.205, 201
            O3_1H, 0.2055, 201
            O3_1H, 0.206, 201
            O3_1H, 0.3045, 250
            O3_1H, 0.403, 300
            O3_1H, 0.404, 300
            O3_1H, 0.4045, 300
            O3_1H, 0.405, 301
            O3_1H, 0.4055, 301
            O3_1H, 0.406, 302
            O3_1H, 0.5045, 400
            O3_1H, 0.603, 499
            O3_1H, 0.604, 500
            O3_1H, 0.6045, 500
            O3_1H, 0.605, 500
            O3_1H, 1.208, 500
            CO_8H, 0, 0
            CO_8H, 0.05, 0
            CO_8H, 0.1, 1
            CO_8H, 2.2, 25
            CO_8H, 4.3, 49
            CO_8H, 4.4, 50
            CO_8H, 4.45, 50
            CO_8H, 4.5, 51
            CO_8H, 4.55, 51
            CO_8H, 4.6, 52
            CO_8H, 6.95, 75
            CO_8H, 9.3, 99
            CO_8H, 9.4, 100
            CO_8H, 9.45, 100
            CO_8H, 9.5, 101
            CO_8H, 9.55, 101
            CO_8H, 9.6, 103
            CO_8H, 10.95, 125
            CO_8H, 12.3, 148
            CO_8H, 12.4, 150
            CO_8H, 12.45, 150
            CO_8H, 12.5, 151
            CO_8H, 12.55, 151
            CO_8H, 12.6, 153
            CO_8H, 13.95, 175
            CO_8H, 15.3, 198
            CO_8H, 15.4, 200
            CO_8H, 15.45, 200
            CO_8H, 15.5, 201
            CO_8H, 15.55, 201
            CO_8H, 15.6, 202
            CO_8H, 22.95, 250
            CO_8H, 30.3, 299
            CO_8H, 30.4, 300
            CO_8H, 30.45, 300
            CO_8H, 30.5, 301
            CO_8H, 30.55, 301
            CO_8H, 30.6, 302
            CO_8H, 40.45, 400
            CO_8H, 50.3, 499
            CO_8H, 50.4, 500
            CO_8H, 50.45, 500
            CO_8H, 50.5, 500
            CO_8H, 100.8, 500
            SO2_1H, 0, 0
            SO2_1H, 0.5, 0
            SO2_1H, 1, 1
            SO2_1H, 17.5, 24
            SO2_1H, 34, 49
            SO2_1H, 35, 50
            SO2_1H, 35.5, 50
            SO2_1H, 36, 51
            SO2_1H, 36.5, 51
            SO2_1H, 37, 52
            SO2_1H, 55.5, 75
            SO2_1H, 74, 99
            SO2_1H, 75, 100
            SO2_1H, 75.5, 100
            SO2_1H, 76, 101
            SO2_1H, 76.5, 101
            SO2_1H, 77, 101
            SO2_1H, 130.5, 125
            SO2_1H, 184, 150
            SO2_1H, 185, 150
            SO2_1H, 185.5, 150
            SO2_1H, 186, 151
            SO2_1H, 186.5, 151
            SO2_1H, 187, 151
            SO2_1H, 245, 176
            SO2_1H, 303, 200
            SO2_1H, 304, 200
            SO2_1H, 304.5, 200
            SO2_1H, 305, 200
            SO2_1H, 608, 200
            SO2_24H, 304, 
            SO2_24H, 305, 201
            SO2_24H, 305.5, 201
            SO2_24H, 306, 201
            SO2_24H, 454.5, 250
            SO2_24H, 603, 300
            SO2_24H, 604, 300
            SO2_24H, 604.5, 300
            SO2_24H, 605, 301
            SO2_24H, 605.5, 301
            SO2_24H, 606, 301
            SO2_24H, 804.5, 400
            SO2_24H, 1003, 500
            SO2_24H, 1004, 500
            SO2_24H, 1004.5, 500
            SO2_24H, 1005, 500
            SO2_24H, 2008, 500
            NO2_1H, 0, 0
            NO2_1H, 0.5, 0
            NO2_1H, 1, 1
            NO2_1H, 26.5, 25
            NO2_1H, 52, 49
            NO2_1H, 53, 50
            NO2_1H, 53.5, 50
            NO2_1H, 54, 51
            NO2_1H, 54.5, 51
            NO2_1H, 55, 52
            NO2_1H, 77, 76
            NO2_1H, 99, 99
            NO2_1H, 100, 100
            NO2_1H, 100.5, 100
            NO2_1H, 101, 101
            NO2_1H, 101.5, 101
            NO2_1H, 102, 101
            NO2_1H, 230.5, 125
            NO2_1H, 359, 150
            NO2_1H, 360, 150
            NO2_1H, 360.5, 150
            NO2_1H, 361, 151
            NO2_1H, 361.5, 151
            NO2_1H, 362, 151
            NO2_1H, 505, 176
            NO2_1H, 648, 200
            NO2_1H, 649, 200
            NO2_1H, 649.5, 200
            NO2_1H, 650, 201
            NO2_1H, 650.5, 201
            NO2_1H, 651, 201
            NO2_1H, 949.5, 250
            NO2_1H, 1248, 300
            NO2_1H, 1249, 300
            NO2_1H, 1249.5, 300
            NO2_1H, 1250, 301
            NO2_1H, 1250.5, 301
            NO2_1H, 1251, 301
            NO2_1H, 1649.5, 400
            NO2_1H, 2048, 500
            NO2_1H, 2049, 500
            NO2_1H, 2049.5, 500
            NO2_1H, 2050, 500
            NO2_1H, 4098, 500
            """)
    void goldenSubIndices(Indicator indicator, BigDecimal concentration, Integer expected) {
        assertThat(AqiCalculator.iaqi(US_EPA_2024, indicator, concentration))
                .isEqualTo(expected == null ? OptionalInt.empty() : OptionalInt.of(expected));
    }

    static Map<Indicator, BigDecimal> values(Object... keyValue) {
        return AqiReportTest.values(keyValue);
    }

    @Test
    void theIndexIsRoundedHalfUpNotUp() {
        // CO 1.1 ppm: 50 × 1.1 / 4.4 = 12.5 exactly → 13 (half up); HJ 633 would take the ceiling of any fraction
        assertThat(AqiCalculator.iaqi(US_EPA_2024, CO_8H, new BigDecimal("1.1"))).hasValue(13);
        // PM2.5 12.0: 51 + 49 × 2.9 / 26.3 = 56.40 → 56
        assertThat(AqiCalculator.iaqi(US_EPA_2024, PM2_5_24H, new BigDecimal("12.0"))).hasValue(56);
    }

    @Test
    void the2024RevisionMovedThePm25Breakpoints() {
        // 12.0 µg/m³ was the top of Good before 2024 (AQI 50); now Good ends at 9.0
        AqiReport report = AqiCalculator.evaluate(US_EPA_2024, ReportType.DAILY, values(PM2_5_24H, "12.0"));
        assertThat(report.category().orElseThrow().name()).isEqualTo("Moderate");
        assertThat(report.primaryPollutants()).containsExactly(PM2_5_24H);
    }

    @Test
    void so2From24HoursSupersedesTheOneHourValueAndTheOneHourValueAloneIsHeldAt200() {
        AqiReport both = AqiCalculator.evaluate(US_EPA_2024, ReportType.DAILY, values(SO2_1H, "400", SO2_24H, "400"));
        assertThat(both.iaqi(SO2_24H)).hasValue(232);       // 201 + 99 × 95 / 299 = 232.46
        assertThat(both.subIndex(SO2_1H).orElseThrow().status()).isEqualTo(SubIndex.Status.SUPERSEDED);
        assertThat(both.aqi()).isEqualTo(both.iaqi(SO2_24H));

        AqiReport oneHour = AqiCalculator.evaluate(US_EPA_2024, ReportType.DAILY, values(SO2_1H, "400", SO2_24H, "200"));
        assertThat(oneHour.iaqi(SO2_1H)).hasValue(200);
        assertThat(oneHour.subIndex(SO2_1H).orElseThrow().status()).isEqualTo(SubIndex.Status.HELD_AT_COLUMN_TOP);
        assertThat(oneHour.subIndex(SO2_24H).orElseThrow().status()).isEqualTo(SubIndex.Status.BELOW_COLUMN);
        assertThat(oneHour.aqi()).hasValue(200);
    }

    @Test
    void ozoneAbove0200PpmOver8HoursIsCalculatedFromThe1HourValue() {
        AqiReport report = AqiCalculator.evaluate(US_EPA_2024, ReportType.DAILY, values(O3_8H, "0.250", O3_1H, "0.450"));

        assertThat(report.iaqi(O3_8H)).isEmpty();
        assertThat(report.subIndex(O3_8H).orElseThrow().note()).contains("1-hour O3");
        assertThat(report.iaqi(O3_1H)).hasValue(346);       // 301 + 199 × 45 / 199
        assertThat(report.category().orElseThrow().name()).isEqualTo("Hazardous");
        assertThat(report.category().orElseThrow().color()).isEqualTo("#7E0023");
    }

    @Test
    void oneHourOzoneBelowItsFirstBreakpointLeavesThe8HourIndex() {
        AqiReport report = AqiCalculator.evaluate(US_EPA_2024, ReportType.REALTIME, values(O3_8H, "0.060", O3_1H, "0.100"));

        assertThat(report.iaqi(O3_1H)).isEmpty();
        assertThat(report.subIndex(O3_1H).orElseThrow().status()).isEqualTo(SubIndex.Status.BELOW_COLUMN);
        assertThat(report.iaqi(O3_8H)).hasValue(67);        // 51 + 49 × 5 / 15 = 67.33
        assertThat(report.aqi()).hasValue(67);
    }

    @Test
    void theEpaNamesTheCriticalPollutantAtAnyIndexAndUsesItsOwnColours() {
        AqiReport good = AqiCalculator.evaluate(US_EPA_2024, ReportType.DAILY, values(PM2_5_24H, "4.5"));
        assertThat(good.aqi()).hasValue(25);
        assertThat(good.primaryPollutants()).containsExactly(PM2_5_24H);
        assertThat(US_EPA_2024.category(250).color()).isEqualTo("#8F3F97");
        assertThat(US_EPA_2024.category(250).name()).isEqualTo("Very Unhealthy");
    }

    @Test
    void theChineseOnlyColumnsAreNotDefined() {
        for (Indicator chineseOnly : new Indicator[]{Indicator.CO_24H, Indicator.CO_1H, Indicator.NO2_24H}) {
            assertThat(US_EPA_2024.defines(chineseOnly)).as(chineseOnly.key()).isFalse();
        }
        assertThat(new EnumMap<>(US_EPA_2024.columns()).keySet()).hasSize(8);
    }
}
