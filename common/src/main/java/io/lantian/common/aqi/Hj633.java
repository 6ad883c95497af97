package io.lantian.common.aqi;

import io.lantian.common.aqi.BreakpointColumn.AboveTop;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

/**
 * HJ 633-2012 and HJ 633—2026 as data (表1 of 2012, 表3 of 2026; categories from 附录 / 表2). The editions
 * share everything except the particles' IAQI 100 node and the two notes on columns that stop early.
 * Sources and confidence: docs/aqi.md and domain.md §1.
 */
final class Hj633 {

    static final List<Integer> IAQI_NODES = List.of(0, 50, 100, 150, 200, 300, 400, 500);
    private static final String UG = "µg/m³";
    private static final String MG = "mg/m³";

    private Hj633() {
    }

    static AqiStandard edition2012() {
        return edition("HJ633-2012", "HJ 633-2012",
                "HJ 633-2012 环境空气质量指数（AQI）技术规定（试行）表1, 表2",
                LocalDate.of(2016, 1, 1), "150", "75",
                AboveTop.notComputed("HJ 633-2012 表1 note (2): SO2 1-h above 800 µg/m³ gets no 1-h sub-index;"
                        + " SO2 is reported with the sub-index of its 24-h mean (SO2_24h)"),
                AboveTop.notComputed("HJ 633-2012 表1 note (3): O3 8-h above 800 µg/m³ gets no 8-h sub-index;"
                        + " O3 is reported with the sub-index of its 1-h value (O3_1h)"),
                true);
    }

    static AqiStandard edition2026() {
        return edition("HJ633-2026", "HJ 633—2026",
                "HJ 633—2026 环境空气质量指数（AQI）技术规定 表3 (PM nodes confirmed; notes b, c per third-party readings)",
                LocalDate.of(2026, 3, 1), "120", "60",
                AboveTop.holdTop("HJ 633—2026 表3 note b: SO2 1-h above 800 µg/m³ counts as IAQI 200"),
                AboveTop.holdTop("HJ 633—2026 表3 note c: O3 8-h above 800 µg/m³ counts as IAQI 300"),
                false);
    }

    /**
     * @param so2OneHourFallsBackTo24h whether the real-time report takes SO2's sub-index from the 24-h mean when
     *                                 the 1-h value is above 800 (2012); 2026 holds the 1-h sub-index at 200 instead
     */
    private static AqiStandard edition(String code, String title, String source, LocalDate from,
                                       String pm10At100, String pm25At100, AboveTop so2OneHourAbove,
                                       AboveTop o3EightHourAbove, boolean so2OneHourFallsBackTo24h) {
        Map<Indicator, BreakpointColumn> t = new EnumMap<>(Indicator.class);
        t.put(SO2_24H, column(UG, "0", "50", "150", "475", "800", "1600", "2100", "2620"));
        t.put(SO2_1H, BreakpointColumn.ofNodes(UG, IAQI_NODES, List.of("0", "150", "500", "650", "800"), so2OneHourAbove));
        t.put(NO2_24H, column(UG, "0", "40", "80", "180", "280", "565", "750", "940"));
        t.put(NO2_1H, column(UG, "0", "100", "200", "700", "1200", "2340", "3090", "3840"));
        t.put(PM10_24H, column(UG, "0", "50", pm10At100, "250", "350", "420", "500", "600"));
        t.put(CO_24H, column(MG, "0", "2", "4", "14", "24", "36", "48", "60"));
        t.put(CO_1H, column(MG, "0", "5", "10", "35", "60", "90", "120", "150"));
        t.put(O3_1H, column(UG, "0", "160", "200", "300", "400", "800", "1000", "1200"));
        t.put(O3_8H, BreakpointColumn.ofNodes(UG, IAQI_NODES, List.of("0", "100", "160", "215", "265", "800"), o3EightHourAbove));
        t.put(PM2_5_24H, column(UG, "0", "35", pm25At100, "115", "150", "250", "350", "500"));

        // 实时报: 1-h columns for SO2/NO2/CO/O3, the O3 8-h moving mean, particles on their 24-h columns
        Set<Indicator> realTime = EnumSet.of(SO2_1H, NO2_1H, CO_1H, O3_1H, O3_8H, PM10_24H, PM2_5_24H);
        List<ColumnRule> realTimeRules = List.of();
        if (so2OneHourFallsBackTo24h) {
            realTime.add(SO2_24H);
            realTimeRules = List.of(new ColumnRule.Fallback(SO2_1H, SO2_24H, "HJ 633-2012 表1 note (2): the SO2 24-h"
                    + " sub-index is reported in the real-time report only when SO2 1-h is above 800 µg/m³"));
        }
        // 日报: 24-h columns (note 1: the 1-h SO2/NO2/CO limits are for the real-time report only), O3 daily max
        // 8-h moving mean and O3 daily max 1-h
        Set<Indicator> daily = EnumSet.of(SO2_24H, NO2_24H, CO_24H, PM10_24H, PM2_5_24H, O3_8H, O3_1H);
        Map<ReportType, ReportDefinition> reports = Map.of(
                ReportType.REALTIME, new ReportDefinition(realTime, realTimeRules),
                ReportType.DAILY, new ReportDefinition(daily, List.of()));
        return new AqiStandard(code, title, source, from, RoundingMode.CEILING, t, reports, CATEGORIES, 50, 100);
    }

    private static BreakpointColumn column(String unit, String... nodes) {
        return BreakpointColumn.ofNodes(unit, IAQI_NODES, List.of(nodes), AboveTop.endOfIndex());
    }

    /**
     * The six bands of HJ 633-2012 表2 (domain.md §1.4), kept for 2026, which has the same bands and colours.
     * Chinese health effect and advice: the 2012 wording; HJ 633—2026 rewrote the advice and its text is not
     * reproduced here (docs/aqi.md). English: Lantian's translation; the category names follow CNEMC's
     * English usage.
     */
    static final List<AqiCategory> CATEGORIES = List.of(
            new AqiCategory(1, 0, 50, "优", new Bilingual("优", "Excellent"), "#00E400", new Bilingual("绿色", "green"),
                    new Bilingual("空气质量令人满意，基本无空气污染",
                            "Air quality is satisfactory; there is hardly any air pollution."),
                    new Bilingual("各类人群可正常活动", "Everyone can go about their activities as usual.")),
            new AqiCategory(2, 51, 100, "良", new Bilingual("良", "Good"), "#FFFF00", new Bilingual("黄色", "yellow"),
                    new Bilingual("空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响",
                            "Air quality is acceptable, but some pollutants may slightly affect the health of a very"
                                    + " small number of unusually sensitive people."),
                    new Bilingual("极少数异常敏感人群应减少户外活动",
                            "The very few unusually sensitive people should reduce outdoor activity.")),
            new AqiCategory(3, 101, 150, "轻度污染", new Bilingual("轻度污染", "Lightly polluted"), "#FF7E00",
                    new Bilingual("橙色", "orange"),
                    new Bilingual("易感人群症状有轻度加剧，健康人群出现刺激症状",
                            "Symptoms of susceptible people get slightly worse; healthy people show signs of irritation."),
                    new Bilingual("儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼",
                            "Children, older people and people with heart or respiratory disease should reduce"
                                    + " prolonged or intense outdoor exercise.")),
            new AqiCategory(4, 151, 200, "中度污染", new Bilingual("中度污染", "Moderately polluted"), "#FF0000",
                    new Bilingual("红色", "red"),
                    new Bilingual("进一步加剧易感人群症状，可能对健康人群心脏、呼吸系统有影响",
                            "Symptoms of susceptible people get worse; the heart and respiratory system of healthy"
                                    + " people may be affected."),
                    new Bilingual("儿童、老年人及心脏病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动",
                            "Children, older people and people with heart or respiratory disease should avoid prolonged"
                                    + " or intense outdoor exercise; everyone else should reduce outdoor exercise somewhat.")),
            new AqiCategory(5, 201, 300, "重度污染", new Bilingual("重度污染", "Heavily polluted"), "#99004C",
                    new Bilingual("紫色", "purple"),
                    new Bilingual("心脏病和肺病患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状",
                            "Symptoms of people with heart or lung disease get markedly worse and their exercise"
                                    + " tolerance drops; healthy people commonly show symptoms."),
                    new Bilingual("儿童、老年人和心脏病、肺病患者应停留在室内，停止户外运动，一般人群减少户外运动",
                            "Children, older people and people with heart or lung disease should stay indoors and stop"
                                    + " outdoor exercise; everyone else should reduce outdoor exercise.")),
            new AqiCategory(6, 301, Integer.MAX_VALUE, "严重污染", new Bilingual("严重污染", "Severely polluted"), "#7E0023",
                    new Bilingual("褐红色", "maroon"),
                    new Bilingual("健康人群运动耐受力降低，有明显强烈症状，提前出现某些疾病",
                            "Healthy people's exercise tolerance drops, with marked, strong symptoms; some diseases"
                                    + " may appear early."),
                    new Bilingual("儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动",
                            "Children, older people and the sick should stay indoors and avoid physical exertion;"
                                    + " everyone else should avoid outdoor activity.")));
}
