package io.lantian.ingest.station;

import io.lantian.common.events.StationRegistered;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.Pollutant;

import java.util.Set;

/** A monitoring station of the registry. */
public record Station(String stationId, String name, StationClass stationClass, String regionId, String township,
                      double latitude, double longitude, Set<Pollutant> pollutants, boolean demo) {

    public Station {
        pollutants = Set.copyOf(pollutants);
    }

    public boolean measures(Pollutant pollutant) {
        return pollutants.contains(pollutant);
    }

    public StationRegistered toEvent() {
        return new StationRegistered(stationId, name, stationClass, regionId, township, latitude, longitude,
                pollutants, demo);
    }
}
