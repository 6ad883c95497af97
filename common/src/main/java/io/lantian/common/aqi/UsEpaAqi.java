package io.lantian.common.aqi;

import io.lantian.common.aqi.BreakpointColumn.AboveTop;
import io.lantian.common.aqi.BreakpointColumn.Segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import static io.lantian.common.aqi.Indicator.CO_8H;
import static io.lantian.common.aqi.Indicator.NO2_1H;
import static io.lantian.common.aqi.Indicator.O3_1H;
import static io.lantian.common.aqi.Indicator.O3_8H;
import static io.lantian.common.aqi.Indicator.PM10_24H;
import static io.lantian.common.aqi.Indicator.PM2_5_24H;
import static io.lantian.common.aqi.Indicator.SO2_1H;
import static io.lantian.common.aqi.Indicator.SO2_24H;

/**
 * The US EPA AQI after the 2024 PM revision (Technical Assistance Document EPA-454/B-24-002, May 2024,
 * Table 6; in use from 2024-05-06). Units as the EPA uses them: PM µg/m³, O3 and CO ppm, SO2 and NO2 ppb.
 * Concentrations are truncated before the lookup (PM2.5 0.1, PM10 1, O3 0.001, CO 0.1, SO2 and NO2 1) and
 * the index is rounded to the nearest integer. Hazardous is one band 301–500 since 2024.
 */
final class UsEpaAqi {

    private UsEpaAqi() {
    }

    static AqiStandard revision2024() {
        Map<Indicator, BreakpointColumn> t = new EnumMap<>(Indicator.class);
        t.put(PM2_5_24H, column("µg/m³", 1, AboveTop.endOfIndex(), null,
                "0.0", "9.0", "9.1", "35.4", "35.5", "55.4", "55.5", "125.4", "125.5", "225.4", "225.5", "325.4"));
        t.put(PM10_24H, column("µg/m³", 0, AboveTop.endOfIndex(), null,
                "0", "54", "55", "154", "155", "254", "255", "354", "355", "424", "425", "604"));
        t.put(O3_8H, column("ppm", 3,
                AboveTop.notComputed("EPA TAD 2024 Table 6: 8-hour O3 values do not define AQI values ≥ 301;"
                        + " those are calculated with 1-hour O3 (O3_1h)"), null,
                "0.000", "0.054", "0.055", "0.070", "0.071", "0.085", "0.086", "0.105", "0.106", "0.200"));
        t.put(O3_1H, new BreakpointColumn("ppm", segments(new int[]{101, 150, 151, 200, 201, 300, 301, 500},
                "0.125", "0.164", "0.165", "0.204", "0.205", "0.404", "0.405", "0.604"), OptionalInt.of(3),
                AboveTop.endOfIndex(), "EPA TAD 2024 Table 6: no 1-hour O3 breakpoints below 0.125 ppm (AQI 101);"
                + " the 8-hour value (O3_8h) gives the index there"));
        t.put(CO_8H, column("ppm", 1, AboveTop.endOfIndex(), null,
                "0.0", "4.4", "4.5", "9.4", "9.5", "12.4", "12.5", "15.4", "15.5", "30.4", "30.5", "50.4"));
        t.put(SO2_1H, column("ppb", 0,
                AboveTop.holdTop("EPA TAD 2024: 1-hour SO2 values do not define AQI values ≥ 200; with a daily max"
                        + " 1-hour value ≥ 305 ppb and no 24-hour mean ≥ 305 ppb the AQI is fixed at 200"), null,
                "0", "35", "36", "75", "76", "185", "186", "304"));
        t.put(SO2_24H, new BreakpointColumn("ppb", segments(new int[]{201, 300, 301, 500},
                "305", "604", "605", "1004"), OptionalInt.of(0), AboveTop.endOfIndex(),
                "EPA TAD 2024 Table 6: 24-hour SO2 defines only AQI ≥ 201 (305 ppb and above); below, the 1-hour"
                        + " value (SO2_1h) gives the index"));
        t.put(NO2_1H, column("ppb", 0, AboveTop.endOfIndex(), null,
                "0", "53", "54", "100", "101", "360", "361", "649", "650", "1249", "1250", "2049"));

        // the same table for the daily AQI and the current (NowCast) one; O3 1-h counts alongside 8-h where
        // given ("the maximum of the two values reported")
        Set<Indicator> all = EnumSet.copyOf(t.keySet());
        List<ColumnRule> rules = List.of(new ColumnRule.Supersedes(SO2_24H, SO2_1H,
                "EPA TAD 2024: with a 24-hour SO2 mean ≥ 305 ppb the AQI is calculated from the 24-hour mean"));
        ReportDefinition report = new ReportDefinition(all, rules);
        return new AqiStandard("US-EPA-2024", "US EPA AQI (2024)",
                "EPA Technical Assistance Document for the Reporting of Daily Air Quality, EPA-454/B-24-002 (May 2024)",
                LocalDate.of(2024, 5, 6), RoundingMode.HALF_UP, t,
                Map.of(ReportType.REALTIME, report, ReportType.DAILY, report), CATEGORIES, -1, 100);
    }

    /** Six bands 0–50, 51–100, 101–150, 151–200, 201–300, 301–500 over consecutive low/high pairs. */
    private static BreakpointColumn column(String unit, int truncateTo, AboveTop aboveTop, String belowRule,
                                           String... lowHigh) {
        int[] bands = {0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500};
        int[] indices = new int[lowHigh.length];
        System.arraycopy(bands, 0, indices, 0, lowHigh.length);
        return new BreakpointColumn(unit, segments(indices, lowHigh), OptionalInt.of(truncateTo), aboveTop, belowRule);
    }

    private static List<Segment> segments(int[] indices, String... lowHigh) {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < lowHigh.length; i += 2) {
            segments.add(new Segment(new BigDecimal(lowHigh[i]), new BigDecimal(lowHigh[i + 1]), indices[i], indices[i + 1]));
        }
        return segments;
    }

    /**
     * EPA's names and colours (TAD 2024 Table 1). Health effect: AirNow's general statements per category;
     * advice: a paraphrase of the TAD's cautionary statements for particle pollution. Chinese: Lantian's
     * translation.
     */
    static final List<AqiCategory> CATEGORIES = List.of(
            new AqiCategory(1, 0, 50, "Good", new Bilingual("良好", "Good"), "#00E400", new Bilingual("绿色", "green"),
                    new Bilingual("空气质量令人满意，空气污染几乎没有风险",
                            "Air quality is satisfactory, and air pollution poses little or no risk."),
                    new Bilingual("无", "None.")),
            new AqiCategory(2, 51, 100, "Moderate", new Bilingual("中等", "Moderate"), "#FFFF00",
                    new Bilingual("黄色", "yellow"),
                    new Bilingual("空气质量可以接受，但对少数对空气污染异常敏感的人可能有风险",
                            "Air quality is acceptable. However, there may be a risk for some people, particularly"
                                    + " those who are unusually sensitive to air pollution."),
                    new Bilingual("异常敏感的人可考虑缩短户外活动时间、降低强度",
                            "Unusually sensitive people: consider making outdoor activities shorter and less intense.")),
            new AqiCategory(3, 101, 150, "Unhealthy for Sensitive Groups",
                    new Bilingual("对敏感人群不健康", "Unhealthy for Sensitive Groups"), "#FF7E00",
                    new Bilingual("橙色", "orange"),
                    new Bilingual("敏感人群可能出现健康影响，一般公众受影响的可能性较小",
                            "Members of sensitive groups may experience health effects. The general public is less"
                                    + " likely to be affected."),
                    new Bilingual("敏感人群应缩短户外活动时间、降低强度，多休息",
                            "Sensitive groups: make outdoor activities shorter and less intense; take more breaks.")),
            new AqiCategory(4, 151, 200, "Unhealthy", new Bilingual("不健康", "Unhealthy"), "#FF0000",
                    new Bilingual("红色", "red"),
                    new Bilingual("部分公众可能出现健康影响，敏感人群可能出现更严重的健康影响",
                            "Some members of the general public may experience health effects; members of sensitive"
                                    + " groups may experience more serious health effects."),
                    new Bilingual("敏感人群应避免长时间或高强度的户外活动，其他人应减少",
                            "Sensitive groups: avoid long or intense outdoor activities. Everyone else: reduce them.")),
            new AqiCategory(5, 201, 300, "Very Unhealthy", new Bilingual("非常不健康", "Very Unhealthy"), "#8F3F97",
                    new Bilingual("紫色", "purple"),
                    new Bilingual("健康警报：所有人出现健康影响的风险增加",
                            "Health alert: The risk of health effects is increased for everyone."),
                    new Bilingual("敏感人群应避免一切户外体力活动，其他人应避免长时间或高强度的户外活动",
                            "Sensitive groups: avoid all physical activity outdoors. Everyone else: avoid long or"
                                    + " intense outdoor activities.")),
            new AqiCategory(6, 301, Integer.MAX_VALUE, "Hazardous", new Bilingual("危险", "Hazardous"), "#7E0023",
                    new Bilingual("褐红色", "maroon"),
                    new Bilingual("紧急状况健康警告：所有人都更可能受到影响",
                            "Health warning of emergency conditions: everyone is more likely to be affected."),
                    new Bilingual("所有人应避免一切户外体力活动；敏感人群应留在室内并保持低活动量",
                            "Everyone: avoid all physical activity outdoors. Sensitive groups: remain indoors and keep"
                                    + " activity levels low.")));
}
