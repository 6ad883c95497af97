package io.lantian.common.aqi;

import java.util.Objects;

/**
 * One band of the index: level 1 … 6, its name, colour and what it means for health.
 *
 * @param level        1 (best) … 6 (worst); the same six bands in HJ 633 and in the US EPA AQI
 * @param lowest       the lowest AQI of the band
 * @param highest      the highest AQI of the band ({@link Integer#MAX_VALUE} for the last, open band)
 * @param name         the category's name in the standard's own language (良, Moderate …)
 * @param names        the name in Chinese and English
 * @param color        the colour as {@code #RRGGBB}
 * @param colorNames   the colour's name (绿色 / green …)
 * @param healthEffect how air in this band affects health
 * @param advice       what people should do
 */
public record AqiCategory(int level, int lowest, int highest, String name, Bilingual names, String color,
                          Bilingual colorNames, Bilingual healthEffect, Bilingual advice) {

    public AqiCategory {
        if (level < 1 || level > 6 || lowest > highest) {
            throw new IllegalArgumentException("bad category " + level + " " + lowest + "–" + highest);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(names, "names");
        if (color == null || !color.matches("#[0-9A-F]{6}")) {
            throw new IllegalArgumentException("colour must be #RRGGBB, was " + color);
        }
        Objects.requireNonNull(colorNames, "colorNames");
        Objects.requireNonNull(healthEffect, "healthEffect");
        Objects.requireNonNull(advice, "advice");
    }

    public boolean contains(int aqi) {
        return aqi >= lowest && aqi <= highest;
    }
}
