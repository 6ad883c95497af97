package io.lantian.common.events;

import io.lantian.common.pollutant.Pollutant;

import java.util.Set;

/**
 * A monitoring station as the registry knows it; the latest record per station id is its current state.
 * Credentials (the HJ 212 password) never travel on Kafka.
 */
public record StationRegistered(
        String stationId,
        String name,
        StationClass stationClass,
        String regionId,
        String township,
        double latitude,
        double longitude,
        Set<Pollutant> pollutants,
        boolean demo) {

    public enum StationClass { NATIONAL, PROVINCIAL, TOWNSHIP, MICRO, ENTERPRISE_BOUNDARY }
}
