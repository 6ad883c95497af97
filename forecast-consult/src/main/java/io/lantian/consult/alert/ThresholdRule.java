package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationRegistered.StationClass;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/** The hourly value above the threshold for its pollutant and station class. */
final class ThresholdRule implements StationRule {

    private final AlertSettings.Thresholds thresholds;

    ThresholdRule(AlertSettings.Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public Rule id() {
        return Rule.THRESHOLD;
    }

    @Override
    public Optional<Limit> limit(String stationId, Instant hourEnd, RegionValues values) {
        StationClass stationClass = values.classOf(stationId);
        return thresholds.of(values.pollutant(), stationClass).map(threshold -> Limit.threshold(threshold,
                "hourly threshold for " + (stationClass == null ? "stations of unknown class" : stationClass + " stations")));
    }

    @Override
    public OptionalDouble level(String stationId, Instant hourEnd, RegionValues values) {
        return thresholds.of(values.pollutant(), values.classOf(stationId)).map(OptionalDouble::of).orElseGet(OptionalDouble::empty);
    }
}
