package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.consult.alert.AlertDecision.ChangeStatus;
import io.lantian.consult.alert.AlertDecision.None;
import io.lantian.consult.alert.AlertDecision.Observe;
import io.lantian.consult.alert.AlertDecision.Raise;
import io.lantian.consult.alert.AlertDecision.Resolve;
import io.lantian.consult.alert.HourVerdict.Condition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Decides what one hour does to one alert key (station, rule, pollutant), from the stored hourly values and the
 * key's alert state — never from counters kept in memory, so re-delivered, late or corrected readings and a
 * restart all come to the same answer. Plain Java.
 *
 * <ul>
 *   <li>no open alert: raise when the last {@code raiseAfter} hours up to this one are all ABOVE (none of them at
 *       or before the previous episode's resolution); the episode starts with the first of them;</li>
 *   <li>open alert: resolve when the last {@code resolveAfter} hours are all CLEAR (all after the raise); else the
 *       status follows silences and inhibition for this hour; hours up to the raise are not judged again.</li>
 * </ul>
 * A missing hour is UNKNOWN and breaks a run either way: no data is no evidence.
 */
public final class StationAlertEvaluator {

    private static final Duration HOUR = Duration.ofHours(1);

    private final Map<Rule, StationRule> rules = new EnumMap<>(Rule.class);
    private final AlertSettings.Hysteresis hysteresis;
    private final int baselineHours;
    private final Muting muting;
    private final AlertSettings.RegionMedian regionMedian;

    public StationAlertEvaluator(AlertSettings settings) {
        for (StationRule rule : List.of(new ThresholdRule(settings.thresholds()), new SuddenRiseRule(settings.suddenRise()),
                new RegionMedianRule(settings.regionMedian()))) {
            rules.put(rule.id(), rule);
        }
        this.hysteresis = settings.hysteresis();
        this.baselineHours = settings.suddenRise().baselineHours();
        this.muting = new Muting(settings.inhibition());
        this.regionMedian = settings.regionMedian();
    }

    /** Whether the region-median rule judges this pollutant at all (one without a minimum excess never is). */
    public boolean judgesRegionMedian(Pollutant pollutant) {
        return regionMedian.minExcess().containsKey(pollutant);
    }

    /** Hours before an hour whose values a decision at that hour may read. */
    public int hoursNeededBefore() {
        return hysteresis.window() - 1 + baselineHours;
    }

    /**
     * Hours before an hour whose values of the other stations a decision at that hour may read (the region-median
     * rule reads only the hour itself, but its run looks back).
     */
    public int regionHoursNeededBefore() {
        return hysteresis.window() - 1;
    }

    /** Hours after a station's value whose decisions for that station may change with it (a late or corrected value). */
    public int hoursAffectedAfter() {
        return hysteresis.window() - 1 + baselineHours;
    }

    /** Hours after an hour whose region-median decisions for the other stations may change with a value of that hour. */
    public int neighbourHoursAffectedAfter() {
        return hysteresis.window() - 1;
    }

    /** How the hour stands, with its evidence (built only for the decisions that keep or send it). */
    public HourVerdict verdict(AlertKey key, Instant hourEnd, RegionValues values) {
        Optional<Double> value = values.value(key.stationId(), hourEnd);
        if (value.isEmpty() || values.pollutant() != key.pollutant()) {
            return HourVerdict.UNKNOWN;
        }
        return rules.get(key.rule()).limit(key.stationId(), hourEnd, values)
                .map(limit -> HourVerdict.of(limit.evidence(key.pollutant(), value.get()), hysteresis.clearFactor()))
                .orElse(HourVerdict.UNKNOWN);
    }

    /** {@code verdict(…).condition()} without building the evidence: what most hours judged need, and no more. */
    public Condition condition(AlertKey key, Instant hourEnd, RegionValues values) {
        Double value = values.valueOrNull(key.stationId(), hourEnd);
        if (value == null || values.pollutant() != key.pollutant()) {
            return Condition.UNKNOWN;
        }
        OptionalDouble level = rules.get(key.rule()).level(key.stationId(), hourEnd, values);
        return level.isEmpty() ? Condition.UNKNOWN : HourVerdict.condition(value, level.getAsDouble(), hysteresis.clearFactor());
    }

    /**
     * @param open             the key's alert that has not resolved, if any
     * @param lastResolvedHour the hour at which the key's latest alert resolved, if any
     * @param silences         the station's silences
     * @param warning          the region's active warning, asked only when a status has to be decided
     */
    public AlertDecision decide(AlertKey key, Instant hourEnd, RegionValues values, Optional<OpenAlert> open,
                                Optional<Instant> lastResolvedHour, List<Silence> silences,
                                Supplier<Optional<ActiveWarning>> warning) {
        return decide(key, hourEnd, values, open, lastResolvedHour, () -> silences, warning);
    }

    /** {@link #decide} with the station's silences, too, asked only when a status has to be decided. */
    public AlertDecision decide(AlertKey key, Instant hourEnd, RegionValues values, Optional<OpenAlert> open,
                                Optional<Instant> lastResolvedHour, Supplier<List<Silence>> silences,
                                Supplier<Optional<ActiveWarning>> warning) {
        if (open.isEmpty()) {
            List<Instant> run = hoursUpTo(hourEnd, hysteresis.raiseAfterHours(key.rule()));
            if (lastResolvedHour.isPresent() && !run.get(0).isAfter(lastResolvedHour.get())) {
                return new None(); // the evidence of the last episode does not start the next one
            }
            // this hour first: most hours are not above, and then the run is not either
            if (condition(key, hourEnd, values) != Condition.ABOVE || !all(key, run.subList(0, run.size() - 1), values, Condition.ABOVE)) {
                return new None();
            }
            Instant episodeStart = run.get(0).minus(HOUR);
            Muting.Mute mute = muting.of(key.rule(), key.pollutant(), hourEnd, silences.get(), warning.get());
            return new Raise(key.alertId(episodeStart), episodeStart, mute.status(), mute.reason(), verdict(key, hourEnd, values).evidence());
        }
        OpenAlert alert = open.get();
        if (!hourEnd.isAfter(alert.raisedHour())) {
            return new None();
        }
        // an open alert keeps the evidence of every hour judged after its raise, so its verdict is built in full
        HourVerdict now = verdict(key, hourEnd, values);
        List<Instant> clearRun = hoursUpTo(hourEnd, hysteresis.resolveAfterHours(key.rule()));
        if (clearRun.get(0).isAfter(alert.raisedHour()) && now.condition() == Condition.CLEAR
                && all(key, clearRun.subList(0, clearRun.size() - 1), values, Condition.CLEAR)) {
            return new Resolve(now.evidence());
        }
        if (now.condition() == Condition.UNKNOWN || hourEnd.isBefore(alert.lastHour())) {
            return new None();
        }
        Muting.Mute mute = muting.of(key.rule(), key.pollutant(), hourEnd, silences.get(), warning.get());
        if (mute.status() != alert.status()) {
            return new ChangeStatus(mute.status(), mute.reason(), now.evidence());
        }
        return new Observe(now.evidence());
    }

    private boolean all(AlertKey key, List<Instant> hours, RegionValues values, Condition condition) {
        return hours.stream().allMatch(hour -> condition(key, hour, values) == condition);
    }

    /** The {@code count} hours ending at {@code hourEnd}, oldest first. */
    private static List<Instant> hoursUpTo(Instant hourEnd, int count) {
        List<Instant> hours = new ArrayList<>();
        for (int back = count - 1; back >= 0; back--) {
            hours.add(hourEnd.minus(HOUR.multipliedBy(back)));
        }
        return hours;
    }
}
