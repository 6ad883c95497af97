package io.lantian.common.aqi;

import io.lantian.common.pollutant.Pollutant;

import java.util.Arrays;
import java.util.Optional;

/**
 * A pollutant averaged over a period, as the AQI tables head their columns (HJ 633 表1, EPA TAD Table 6).
 * The key ({@code PM2_5_24h}) names the column a concentration is looked up on; in the Chinese real-time
 * report the particles' hourly value is looked up on their 24-h column, so the key names the column, not
 * necessarily the averaging of the value.
 */
public enum Indicator {
    PM2_5_24H(Pollutant.PM2_5),
    PM10_24H(Pollutant.PM10),
    SO2_24H(Pollutant.SO2),
    SO2_1H(Pollutant.SO2),
    NO2_24H(Pollutant.NO2),
    NO2_1H(Pollutant.NO2),
    CO_24H(Pollutant.CO),
    CO_1H(Pollutant.CO),
    /** US EPA only: the Chinese tables have no 8-h CO column. */
    CO_8H(Pollutant.CO),
    O3_1H(Pollutant.O3),
    O3_8H(Pollutant.O3);

    private final Pollutant pollutant;

    Indicator(Pollutant pollutant) {
        this.pollutant = pollutant;
    }

    public Pollutant pollutant() {
        return pollutant;
    }

    /** The key of the API and of reports: {@code PM2_5_24h}, {@code SO2_1h} … */
    public String key() {
        return name().substring(0, name().length() - 1) + "h";
    }

    /** The indicator of an API key, exactly as {@link #key()} spells it (keys are case-sensitive). */
    public static Optional<Indicator> ofKey(String key) {
        return Arrays.stream(values()).filter(i -> i.key().equals(key)).findFirst();
    }

    /**
     * The column used for an hourly value in the real-time report (实时报): 1-h columns for SO2, NO2, CO and
     * O3; particles have only 24-h columns, and their hourly value is looked up there (CNEMC practice since
     * 2014-01-01; see docs/aqi.md).
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

    /** All keys, for messages that list what is accepted. */
    public static String allKeys() {
        return String.join(", ", Arrays.stream(values()).map(Indicator::key).toList());
    }
}
