package io.lantian.consult.alert;

import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.Pollutant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One pollutant's hourly values at the stations of one region over a span of hours, by the end of each hour, and
 * the stations' classes where {@code aq.stations.v1} named them. What every rule reads; plain Java.
 */
public record RegionValues(Pollutant pollutant, Map<String, NavigableMap<Instant, Double>> byStation,
                           Map<String, StationClass> classes) {

    public RegionValues {
        Map<String, NavigableMap<Instant, Double>> copy = new HashMap<>();
        byStation.forEach((station, values) -> copy.put(station, new TreeMap<>(values)));
        byStation = Map.copyOf(copy);
        classes = Map.copyOf(classes);
    }

    /** One station's value of one hour. */
    public record StationHour(String stationId, Instant hourEnd, double value) {
    }

    /** A station of the region and its value in the hour being judged. */
    public record Neighbour(String stationId, StationClass stationClass, double value) {
    }

    public static RegionValues of(Pollutant pollutant, List<StationHour> values, Map<String, StationClass> classes) {
        Map<String, NavigableMap<Instant, Double>> byStation = new HashMap<>();
        for (StationHour v : values) {
            byStation.computeIfAbsent(v.stationId(), s -> new TreeMap<>()).put(v.hourEnd(), v.value());
        }
        return new RegionValues(pollutant, byStation, classes);
    }

    public Optional<Double> value(String stationId, Instant hourEnd) {
        NavigableMap<Instant, Double> values = byStation.get(stationId);
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(hourEnd));
    }

    /** {@link #value} without the boxing of an Optional, for the rules' hot paths; {@code null} when there is none. */
    public Double valueOrNull(String stationId, Instant hourEnd) {
        NavigableMap<Instant, Double> values = byStation.get(stationId);
        return values == null ? null : values.get(hourEnd);
    }

    /** The values of the other stations in that hour whose class {@code included} accepts, in no particular order. */
    public double[] otherValues(String stationId, Instant hourEnd, Predicate<StationClass> included) {
        double[] others = new double[byStation.size()];
        int n = 0;
        for (Map.Entry<String, NavigableMap<Instant, Double>> station : byStation.entrySet()) {
            Double value = station.getValue().get(hourEnd);
            if (value != null && !station.getKey().equals(stationId) && included.test(classes.get(station.getKey()))) {
                others[n++] = value;
            }
        }
        return Arrays.copyOf(others, n);
    }

    /**
     * The values of one hour alone, without those of the stations {@code leftOut}: the region as it stood in that
     * hour before those stations' values came (what the region-median decisions then were made of).
     */
    public RegionValues atHour(Instant hourEnd, Set<String> leftOut) {
        Map<String, NavigableMap<Instant, Double>> hour = new HashMap<>();
        byStation.forEach((station, values) -> {
            Double value = values.get(hourEnd);
            if (value != null && !leftOut.contains(station)) {
                hour.put(station, new TreeMap<>(Map.of(hourEnd, value)));
            }
        });
        return new RegionValues(pollutant, hour, classes);
    }

    /** {@code null} when the station's class is not known (yet). */
    public StationClass classOf(String stationId) {
        return classes.get(stationId);
    }

    /** The hours from {@code from} to {@code to} (both included) at which the station has a value, oldest first. */
    public List<Instant> hoursOf(String stationId, Instant from, Instant to) {
        NavigableMap<Instant, Double> values = byStation.get(stationId);
        return values == null ? List.of() : List.copyOf(values.subMap(from, true, to, true).keySet());
    }

    /** The stations with a value in that hour, by station id. */
    public List<String> stationsAt(Instant hourEnd) {
        List<String> stations = new ArrayList<>();
        byStation.forEach((station, values) -> {
            if (values.containsKey(hourEnd)) {
                stations.add(station);
            }
        });
        stations.sort(Comparator.naturalOrder());
        return stations;
    }

    /** The other stations with a value in that hour, by station id. */
    public List<Neighbour> others(String stationId, Instant hourEnd) {
        List<Neighbour> others = new ArrayList<>();
        byStation.forEach((station, values) -> {
            Double value = values.get(hourEnd);
            if (value != null && !station.equals(stationId)) {
                others.add(new Neighbour(station, classes.get(station), value));
            }
        });
        others.sort(Comparator.comparing(Neighbour::stationId));
        return others;
    }
}
