package io.lantian.common.pollutant;

import java.util.Locale;
import java.util.Optional;

/** Mass-concentration units Lantian accepts as they are, with the spellings stations actually send. */
public enum MassConcentration {
    MICROGRAMS_PER_CUBIC_METRE("µg/m³", 1.0),
    MILLIGRAMS_PER_CUBIC_METRE("mg/m³", 1000.0);

    private final String symbol;
    private final double microgramsPerUnit;

    MassConcentration(String symbol, double microgramsPerUnit) {
        this.symbol = symbol;
        this.microgramsPerUnit = microgramsPerUnit;
    }

    public String symbol() {
        return symbol;
    }

    /** Converts a value in this unit into {@code target}. */
    public double convert(double value, MassConcentration target) {
        return value * microgramsPerUnit / target.microgramsPerUnit;
    }

    /** Parses the usual spellings: µg/m³, ug/m3, μg/m3 (Greek mu), mg/m3 … Case-insensitive, spaces ignored. */
    public static Optional<MassConcentration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.replace(" ", "").toLowerCase(Locale.ROOT)
                .replace('\u03bc', 'u').replace('\u00b5', 'u').replace('³', '3');
        return switch (t) {
            case "ug/m3", "ugm-3", "ug/m^3" -> Optional.of(MICROGRAMS_PER_CUBIC_METRE);
            case "mg/m3", "mgm-3", "mg/m^3" -> Optional.of(MILLIGRAMS_PER_CUBIC_METRE);
            default -> Optional.empty();
        };
    }
}
