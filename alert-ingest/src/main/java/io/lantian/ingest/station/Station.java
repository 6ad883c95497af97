package io.lantian.ingest.station;

import io.lantian.common.events.StationRegistered;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.MassConcentration;
import io.lantian.common.pollutant.Pollutant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * A monitoring station of the registry.
 *
 * @param hj212Mn           the MN its data logger sends in HJ 212 packets, or {@code null} if it sends none
 * @param hj212PasswordHash SHA-256 (hex) of its HJ 212 access password; the password itself is never stored
 * @param units             the unit the station sends per pollutant where it differs from the canonical one
 *                          (HJ 212 puts no units on the wire; e.g. a PM monitor sending mg/m³)
 */
public record Station(String stationId, String name, StationClass stationClass, String regionId, String township,
                      double latitude, double longitude, Set<Pollutant> pollutants, boolean demo,
                      String hj212Mn, String hj212PasswordHash, Map<Pollutant, MassConcentration> units) {

    public Station {
        pollutants = Set.copyOf(pollutants);
        units = units == null || units.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(units));
    }

    public boolean measures(Pollutant pollutant) {
        return pollutants.contains(pollutant);
    }

    /** The unit this station's values of {@code pollutant} come in when the input does not say. */
    public MassConcentration unitOf(Pollutant pollutant) {
        return units.getOrDefault(pollutant, pollutant.canonicalUnit());
    }

    /** Whether an HJ 212 packet's PW matches; constant-time, so timing reveals nothing about the hash. */
    public boolean hj212PasswordMatches(String password) {
        if (hj212PasswordHash == null || password == null) {
            return false;
        }
        return MessageDigest.isEqual(HexFormat.of().parseHex(hj212PasswordHash), sha256(password));
    }

    public static String hashPassword(String password) {
        return HexFormat.of().formatHex(sha256(password));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** What other services may know: no credentials. */
    public StationRegistered toEvent() {
        return new StationRegistered(stationId, name, stationClass, regionId, township, latitude, longitude,
                pollutants, demo);
    }
}
