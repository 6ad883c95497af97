package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.pollutant.Pollutant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Settings as in forecast-consult.yml, and a small builder of region values, for the plain domain tests. */
final class AlertTestData {

    static final Instant H0 = Instant.parse("2026-11-29T00:00:00Z");

    private AlertTestData() {
    }

    /** The end of the n-th hour after H0. */
    static Instant hour(int n) {
        return H0.plus(Duration.ofHours(n));
    }

    static AlertSettings settings() {
        return new AlertSettings(
                new AlertSettings.Thresholds(Map.of(Pollutant.PM2_5, 150.0, Pollutant.PM10, 350.0, Pollutant.O3, 400.0),
                        Map.of(StationClass.MICRO, Map.of(Pollutant.PM2_5, 250.0))),
                new AlertSettings.SuddenRise(3, 2, 2.0, Map.of(Pollutant.PM2_5, 50.0, Pollutant.PM10, 100.0)),
                new AlertSettings.RegionMedian(3, 2.0, Map.of(Pollutant.PM2_5, 75.0, Pollutant.SO2, 50.0),
                        Set.of(StationClass.ENTERPRISE_BOUNDARY)),
                new AlertSettings.Hysteresis(Map.of(Rule.THRESHOLD, 1, Rule.SUDDEN_RISE, 2, Rule.ABOVE_REGION_MEDIAN, 2),
                        Map.of(Rule.THRESHOLD, 2, Rule.SUDDEN_RISE, 2, Rule.ABOVE_REGION_MEDIAN, 2), 0.9),
                new AlertSettings.Inhibition(Map.of(WarningLevel.HEALTH_ADVISORY, Set.of(Pollutant.O3),
                        WarningLevel.YELLOW, Set.of(Pollutant.PM2_5, Pollutant.PM10),
                        WarningLevel.ORANGE, Set.of(Pollutant.PM2_5, Pollutant.PM10),
                        WarningLevel.RED, Set.of(Pollutant.PM2_5, Pollutant.PM10)), Set.of(Rule.THRESHOLD, Rule.SUDDEN_RISE)),
                Duration.ofHours(48), Duration.ofDays(31));
    }

    static Values values(Pollutant pollutant) {
        return new Values(pollutant);
    }

    /** Hourly values of one pollutant in one region, written as series per station. */
    static final class Values {

        private final Pollutant pollutant;
        private final List<RegionValues.StationHour> hours = new ArrayList<>();
        private final Map<String, StationClass> classes = new HashMap<>();

        private Values(Pollutant pollutant) {
            this.pollutant = pollutant;
        }

        /** The station's values for hours 1, 2, …; {@code null} leaves an hour out. */
        Values station(String stationId, Double... series) {
            for (int i = 0; i < series.length; i++) {
                if (series[i] != null) {
                    hours.add(new RegionValues.StationHour(stationId, hour(i + 1), series[i]));
                }
            }
            return this;
        }

        Values stationOfClass(String stationId, StationClass stationClass, Double... series) {
            classes.put(stationId, stationClass);
            return station(stationId, series);
        }

        RegionValues build() {
            return RegionValues.of(pollutant, hours, classes);
        }
    }
}
