package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationAlertEvent.StationValue;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.consult.alert.RegionValues.Neighbour;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The hourly value far above the median of the region's other stations in the same hour: the air mass is the
 * same, so the excess is local — a source near the station, the trigger for an on-site check. The median, not
 * the mean, so one other high station does not hide the excess. Classes that sit next to sources by design
 * (enterprise boundary stations) can be left out of the median.
 */
final class RegionMedianRule implements StationRule {

    private final AlertSettings.RegionMedian settings;

    RegionMedianRule(AlertSettings.RegionMedian settings) {
        this.settings = settings;
    }

    @Override
    public Rule id() {
        return Rule.ABOVE_REGION_MEDIAN;
    }

    @Override
    public Optional<Limit> limit(String stationId, Instant hourEnd, RegionValues values) {
        Double minExcess = settings.minExcess().get(values.pollutant());
        if (minExcess == null) {
            return Optional.empty();
        }
        List<Neighbour> neighbours = values.others(stationId, hourEnd).stream()
                .filter(n -> inMedian(n.stationClass()))
                .toList();
        if (neighbours.size() < settings.minNeighbours()) {
            return Optional.empty();
        }
        double median = median(neighbours.stream().mapToDouble(Neighbour::value).sorted().toArray());
        return Optional.of(Limit.regionMedian(level(median, minExcess), Limit.number(settings.ratio()) + "× and +" + Limit.number(minExcess)
                        + " over the median " + Limit.number(median) + " of " + neighbours.size() + " other stations",
                median, neighbours.stream().map(n -> new StationValue(n.stationId(), n.value())).toList()));
    }

    @Override
    public OptionalDouble level(String stationId, Instant hourEnd, RegionValues values) {
        Double minExcess = settings.minExcess().get(values.pollutant());
        if (minExcess == null) {
            return OptionalDouble.empty();
        }
        double[] others = values.otherValues(stationId, hourEnd, this::inMedian);
        if (others.length < settings.minNeighbours()) {
            return OptionalDouble.empty();
        }
        Arrays.sort(others);
        return OptionalDouble.of(level(median(others), minExcess));
    }

    /** Classes that stand next to sources by design are judged, but do not make the median of the others. */
    private boolean inMedian(StationClass stationClass) {
        return stationClass == null || !settings.excludedClasses().contains(stationClass);
    }

    private double level(double median, double minExcess) {
        return Math.max(median * settings.ratio(), median + minExcess);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
