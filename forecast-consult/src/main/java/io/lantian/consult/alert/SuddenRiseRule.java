package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.HourValue;
import io.lantian.common.events.StationAlertEvent.Rule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.DoubleStream;

/**
 * The hourly value jumped against the mean of the hours before it. Both a ratio and an absolute increase are
 * required: the ratio alone fires on clean air (8 → 20 µg/m³), the increase alone on every busy hour of a dirty day.
 */
final class SuddenRiseRule implements StationRule {

    private final AlertSettings.SuddenRise settings;

    SuddenRiseRule(AlertSettings.SuddenRise settings) {
        this.settings = settings;
    }

    @Override
    public Rule id() {
        return Rule.SUDDEN_RISE;
    }

    @Override
    public Optional<Limit> limit(String stationId, Instant hourEnd, RegionValues values) {
        Double minIncrease = settings.minIncrease().get(values.pollutant());
        if (minIncrease == null) {
            return Optional.empty();
        }
        List<HourValue> previous = new ArrayList<>();
        for (int back = 1; back <= settings.baselineHours(); back++) {
            Instant hour = hourEnd.minus(Duration.ofHours(back));
            values.value(stationId, hour).ifPresent(v -> previous.add(new HourValue(hour, v)));
        }
        // a mean of one stray hour is no baseline (NowCast asks for 2 of the last 3 hours for the same reason)
        if (previous.size() < settings.minBaselineHours()) {
            return Optional.empty();
        }
        double baseline = mean(previous.stream().mapToDouble(HourValue::value));
        return Optional.of(Limit.rise(level(baseline, minIncrease), Limit.number(settings.ratio()) + "× and +" + Limit.number(minIncrease)
                + " over the " + previous.size() + "-h mean " + Limit.number(baseline), baseline, previous));
    }

    @Override
    public OptionalDouble level(String stationId, Instant hourEnd, RegionValues values) {
        Double minIncrease = settings.minIncrease().get(values.pollutant());
        if (minIncrease == null) {
            return OptionalDouble.empty();
        }
        double[] previous = new double[settings.baselineHours()];
        int present = 0;
        for (int back = 1; back <= settings.baselineHours(); back++) {
            Double value = values.valueOrNull(stationId, hourEnd.minus(Duration.ofHours(back)));
            if (value != null) {
                previous[present++] = value;
            }
        }
        if (present < settings.minBaselineHours()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(level(mean(DoubleStream.of(previous).limit(present)), minIncrease));
    }

    /** The same summation in {@link #limit} and {@link #level}, so both come to the same double. */
    private static double mean(DoubleStream values) {
        return values.average().orElseThrow();
    }

    private double level(double baseline, double minIncrease) {
        return Math.max(baseline * settings.ratio(), baseline + minIncrease);
    }
}
