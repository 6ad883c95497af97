package io.lantian.common.pollutant;

/**
 * The six pollutants of the Chinese AQI (GB 3095, HJ 633). Concentrations are carried in the canonical
 * unit: µg/m³, except CO in mg/m³ as the standards publish it.
 */
public enum Pollutant {
    PM2_5(MassConcentration.MICROGRAMS_PER_CUBIC_METRE),
    PM10(MassConcentration.MICROGRAMS_PER_CUBIC_METRE),
    SO2(MassConcentration.MICROGRAMS_PER_CUBIC_METRE),
    NO2(MassConcentration.MICROGRAMS_PER_CUBIC_METRE),
    O3(MassConcentration.MICROGRAMS_PER_CUBIC_METRE),
    CO(MassConcentration.MILLIGRAMS_PER_CUBIC_METRE);

    private final MassConcentration canonicalUnit;

    Pollutant(MassConcentration canonicalUnit) {
        this.canonicalUnit = canonicalUnit;
    }

    public MassConcentration canonicalUnit() {
        return canonicalUnit;
    }
}
