package io.lantian.dispatch.compliance;

/**
 * Readings summed over a span: energy, metered time and how many readings. The mean power is energy over
 * metered time, so gaps between readings neither lower nor raise it.
 */
public record MeteredPower(double energyKwh, double hours, int readings) {

    public static final MeteredPower NONE = new MeteredPower(0, 0, 0);

    /** @return mean power in kW, or null when nothing was metered */
    public Double meanKw() {
        return hours > 0 ? energyKwh / hours : null;
    }
}
