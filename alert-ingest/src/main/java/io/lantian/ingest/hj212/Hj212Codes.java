package io.lantian.ingest.hj212;

import io.lantian.common.pollutant.Pollutant;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of the protocol that differ between editions and vendors, as data: pollutant codes, data flags
 * and the editions the Flag version bits name. {@link #standard()} is HJ 212-2017; deployments add codes
 * (a vendor's, or HJ 212-2025's once its text is known) with {@link #withPollutantCodes}.
 *
 * @param pollutants code (lower case) → pollutant
 * @param dataFlags  {@code -Flag} value → quality flag carried with the reading; empty for "normal"
 * @param editions   version bits → edition
 */
public record Hj212Codes(Map<String, Pollutant> pollutants, Map<String, String> dataFlags, Map<Integer, Hj212Edition> editions) {

    /**
     * Table B.2 of HJ 212-2017 for five pollutants; O3 (a05024) comes from HJ 524-2009 through consistent use
     * in independent ambient implementations (not confirmed in a standard's text).
     */
    static final Map<String, Pollutant> HJ212_2017_POLLUTANTS = Map.of(
            "a34004", Pollutant.PM2_5,
            "a34002", Pollutant.PM10,
            "a21026", Pollutant.SO2,
            "a21004", Pollutant.NO2,
            "a05024", Pollutant.O3,
            "a21005", Pollutant.CO);

    /** Table 8 of HJ 212-2017 ("可扩充": unknown flags are carried too, see {@link #qualityFlag}). */
    static final Map<String, String> HJ212_2017_DATA_FLAGS = Map.of(
            "N", "",
            "F", "STOPPED",
            "M", "MAINTENANCE",
            "S", "MANUAL_VALUE",
            "D", "FAULT",
            "C", "CALIBRATION",
            "T", "ABOVE_RANGE",
            "B", "COMMUNICATION_FAULT");

    /**
     * Version 2 = HJ 212-2025 rests on one implementation, and the Flag of its answers is a guess (its own
     * version bits, 8); replace it here when the 2025 text is read.
     */
    static final Map<Integer, Hj212Edition> EDITIONS = Map.of(
            0, new Hj212Edition(0, "HJ/T 212-2005", true, 4), // a 2005 station is answered in 2017 form
            1, new Hj212Edition(1, "HJ 212-2017", true, 4),
            2, new Hj212Edition(2, "HJ 212-2025", false, 8));

    /** Flag of an answer in HJ 212-2017: version 1, no answer wanted, not split. */
    static final int ANSWER_FLAG_2017 = 4;

    private static final Hj212Codes STANDARD = new Hj212Codes(HJ212_2017_POLLUTANTS, HJ212_2017_DATA_FLAGS, EDITIONS);

    public Hj212Codes {
        Map<String, Pollutant> lower = new HashMap<>();
        pollutants.forEach((code, pollutant) -> lower.put(code.toLowerCase(Locale.ROOT), pollutant));
        pollutants = Map.copyOf(lower);
        dataFlags = Map.copyOf(dataFlags);
        editions = Map.copyOf(editions);
    }

    public static Hj212Codes standard() {
        return STANDARD;
    }

    /** These codes as well (they win over the standard's): e.g. 2005-style names {@code PM25 → PM2_5}. */
    public Hj212Codes withPollutantCodes(Map<String, Pollutant> extra) {
        Map<String, Pollutant> all = new HashMap<>(pollutants);
        extra.forEach((code, pollutant) -> all.put(code.toLowerCase(Locale.ROOT), pollutant));
        return new Hj212Codes(all, dataFlags, editions);
    }

    /** Codes are matched ignoring case: field devices send {@code A34004} as well. */
    public Optional<Pollutant> pollutant(String code) {
        return Optional.ofNullable(code).map(c -> pollutants.get(c.toLowerCase(Locale.ROOT)));
    }

    /**
     * The quality flag a {@code -Flag} value stands for: empty for N (normal); an unknown letter is kept as
     * {@code HJ212_FLAG_<value>} (the table is extensible, and a dropped flag could hide a fault).
     */
    public Optional<String> qualityFlag(String value) {
        String known = dataFlags.get(value.toUpperCase(Locale.ROOT));
        if (known != null) {
            return known.isEmpty() ? Optional.empty() : Optional.of(known);
        }
        return Optional.of("HJ212_FLAG_" + printable(value));
    }

    /** The edition the version bits name; unknown versions are answered as HJ 212-2017. */
    public Hj212Edition edition(int version) {
        Hj212Edition known = editions.get(version);
        return known != null ? known : new Hj212Edition(version, "unknown version " + version, false, ANSWER_FLAG_2017);
    }

    /** A sender's flag text reduced to letters and digits, at most 8: it ends up in events and logs. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 8; i++) {
            char c = value.charAt(i);
            if (c < 0x80 && Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.isEmpty() ? "INVALID" : out.toString();
    }
}
