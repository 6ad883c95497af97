package io.lantian.common.aqi;

import io.lantian.common.pollutant.Pollutant;

/** A pollutant averaged over a period as the AQI tables name them (column headers of HJ 633 表1). */
public enum Indicator {
    SO2_24H(Pollutant.SO2), SO2_1H(Pollutant.SO2),
    NO2_24H(Pollutant.NO2), NO2_1H(Pollutant.NO2),
    PM10_24H(Pollutant.PM10),
    CO_24H(Pollutant.CO), CO_1H(Pollutant.CO),
    O3_1H(Pollutant.O3), O3_8H(Pollutant.O3),
    PM2_5_24H(Pollutant.PM2_5);

    private final Pollutant pollutant;

    Indicator(Pollutant pollutant) {
        this.pollutant = pollutant;
    }

    public Pollutant pollutant() {
        return pollutant;
    }

    /**
     * The column used for an hourly value in the real-time report (实时报): 1-h columns for SO2, NO2, CO and
     * O3; particles have only 24-h columns, and their hourly value is looked up there.
     */
    public static Indicator realTime(Pollutant pollutant) {
        return switch (pollutant) {
            case SO2 -> SO2_1H;
            case NO2 -> NO2_1H;
            case CO -> CO_1H;
            case O3 -> O3_1H;
            case PM10 -> PM10_24H;
            case PM2_5 -> PM2_5_24H;
        };
    }
}
