package io.lantian.common.aqi;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An AQI standard as data: the IAQI nodes and the concentration breakpoints per indicator (HJ 633 表1).
 * A column shorter than the IAQI nodes ends where the standard defines no sub-index
 * (SO2 1 h above 800 µg/m³, O3 8 h above 800 µg/m³).
 */
public record AqiStandard(String code, LocalDate inForceFrom, List<Integer> iaqiNodes,
                          Map<Indicator, List<Double>> breakpoints) {

    private static final List<Integer> NODES = List.of(0, 50, 100, 150, 200, 300, 400, 500);

    /** HJ 633-2012, in force nationally 2016-01-01 until 2026-02-28. */
    public static final AqiStandard HJ_633_2012 = new AqiStandard("HJ 633-2012", LocalDate.of(2016, 1, 1), NODES,
            table(List.of(0d, 50d, 150d, 75d)));

    /** HJ 633—2026, in force from 2026-03-01: the IAQI 100 node for particles is lower (PM2.5 60, PM10 120). */
    public static final AqiStandard HJ_633_2026 = new AqiStandard("HJ 633-2026", LocalDate.of(2026, 3, 1), NODES,
            table(List.of(0d, 50d, 120d, 60d)));

    public AqiStandard {
        iaqiNodes = List.copyOf(iaqiNodes);
        breakpoints = Map.copyOf(breakpoints);
    }

    /** The standard in force on a date: 2012 before 2026-03-01, 2026 from then on. */
    public static AqiStandard inForceOn(LocalDate date) {
        return date.isBefore(HJ_633_2026.inForceFrom()) ? HJ_633_2012 : HJ_633_2026;
    }

    /** The two particle nodes that differ between editions are passed in: PM10 and PM2.5 at IAQI 100. */
    private static Map<Indicator, List<Double>> table(List<Double> particleNodes) {
        double pm10At100 = particleNodes.get(2);
        double pm25At100 = particleNodes.get(3);
        Map<Indicator, List<Double>> t = new EnumMap<>(Indicator.class);
        t.put(Indicator.SO2_24H, List.of(0d, 50d, 150d, 475d, 800d, 1600d, 2100d, 2620d));
        t.put(Indicator.SO2_1H, List.of(0d, 150d, 500d, 650d, 800d));
        t.put(Indicator.NO2_24H, List.of(0d, 40d, 80d, 180d, 280d, 565d, 750d, 940d));
        t.put(Indicator.NO2_1H, List.of(0d, 100d, 200d, 700d, 1200d, 2340d, 3090d, 3840d));
        t.put(Indicator.PM10_24H, List.of(0d, 50d, pm10At100, 250d, 350d, 420d, 500d, 600d));
        t.put(Indicator.CO_24H, List.of(0d, 2d, 4d, 14d, 24d, 36d, 48d, 60d));
        t.put(Indicator.CO_1H, List.of(0d, 5d, 10d, 35d, 60d, 90d, 120d, 150d));
        t.put(Indicator.O3_1H, List.of(0d, 160d, 200d, 300d, 400d, 800d, 1000d, 1200d));
        t.put(Indicator.O3_8H, List.of(0d, 100d, 160d, 215d, 265d, 800d));
        t.put(Indicator.PM2_5_24H, List.of(0d, 35d, pm25At100, 115d, 150d, 250d, 350d, 500d));
        return t;
    }
}
