package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.pollutant.Pollutant;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The numbers of the station alert rules ({@code lantian.consult.alerts} in {@code forecast-consult.yml}, where the
 * defaults and their reasons are written). Plain Java: bound by {@link StationAlertConfiguration}, used by the rules.
 * A pollutant missing from a rule's map is not judged by that rule.
 *
 * @param evaluateWithin hours that ended longer ago are stored (they are the baseline of later hours) but not
 *                       judged, so a new consumer group replaying the retained readings does not announce old episodes
 * @param maxSilence     the longest maintenance window an officer may set at once
 */
public record AlertSettings(Thresholds thresholds, SuddenRise suddenRise, RegionMedian regionMedian, Hysteresis hysteresis,
                            Inhibition inhibition, Duration evaluateWithin, Duration maxSilence) {

    public AlertSettings {
        thresholds = thresholds == null ? new Thresholds(null, null) : thresholds;
        suddenRise = suddenRise == null ? new SuddenRise(0, 0, 0, null) : suddenRise;
        regionMedian = regionMedian == null ? new RegionMedian(0, 0, null, null) : regionMedian;
        hysteresis = hysteresis == null ? new Hysteresis(null, null, 0) : hysteresis;
        inhibition = inhibition == null ? new Inhibition(null, null) : inhibition;
        evaluateWithin = evaluateWithin == null ? Duration.ofHours(48) : evaluateWithin;
        maxSilence = maxSilence == null ? Duration.ofDays(31) : maxSilence;
    }

    /** Hourly thresholds per pollutant, with overrides for some station classes. */
    public record Thresholds(Map<Pollutant, Double> defaults, Map<StationClass, Map<Pollutant, Double>> byClass) {

        public Thresholds {
            defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
            byClass = byClass == null ? Map.of() : Map.copyOf(byClass);
        }

        /** The class's own threshold when it has one, else the default; empty when the pollutant has neither. */
        public Optional<Double> of(Pollutant pollutant, StationClass stationClass) {
            Double own = stationClass == null ? null : byClass.getOrDefault(stationClass, Map.of()).get(pollutant);
            return Optional.ofNullable(own != null ? own : defaults.get(pollutant));
        }

        /** Whether the value is above the pollutant's threshold of some class (or the default), whatever its station's. */
        public boolean aboveAny(Pollutant pollutant, double value) {
            Double fallback = defaults.get(pollutant);
            if (fallback != null && value > fallback) {
                return true;
            }
            return byClass.values().stream().map(own -> own.get(pollutant)).anyMatch(own -> own != null && value > own);
        }
    }

    /**
     * The hour against the mean of the {@code baselineHours} before it (at least {@code minBaselineHours} of them
     * present): above when it is both {@code ratio} times the mean and {@code minIncrease} more than it.
     */
    public record SuddenRise(int baselineHours, int minBaselineHours, double ratio, Map<Pollutant, Double> minIncrease) {

        public SuddenRise {
            baselineHours = baselineHours <= 0 ? 3 : baselineHours;
            minBaselineHours = minBaselineHours <= 0 ? Math.min(2, baselineHours) : Math.min(minBaselineHours, baselineHours);
            ratio = ratio <= 0 ? 2.0 : ratio;
            minIncrease = minIncrease == null ? Map.of() : Map.copyOf(minIncrease);
        }
    }

    /**
     * The hour against the median of the region's other stations in the same hour (at least {@code minNeighbours},
     * not counting the classes excluded): above when it is both {@code ratio} times the median and
     * {@code minExcess} more than it.
     */
    public record RegionMedian(int minNeighbours, double ratio, Map<Pollutant, Double> minExcess,
                               Set<StationClass> excludedClasses) {

        public RegionMedian {
            minNeighbours = minNeighbours <= 0 ? 3 : minNeighbours;
            ratio = ratio <= 0 ? 2.0 : ratio;
            minExcess = minExcess == null ? Map.of() : Map.copyOf(minExcess);
            excludedClasses = excludedClasses == null ? Set.of() : Set.copyOf(excludedClasses);
        }
    }

    /**
     * Raise after {@code raiseAfter} consecutive hours above, resolve after {@code resolveAfter} consecutive hours
     * clear; an hour is clear only at or below {@code clearFactor} × the limit, so a value hovering at the limit
     * neither raises nor resolves.
     */
    public record Hysteresis(Map<Rule, Integer> raiseAfter, Map<Rule, Integer> resolveAfter, double clearFactor) {

        public Hysteresis {
            raiseAfter = raiseAfter == null ? Map.of() : Map.copyOf(raiseAfter);
            resolveAfter = resolveAfter == null ? Map.of() : Map.copyOf(resolveAfter);
            clearFactor = clearFactor <= 0 || clearFactor > 1 ? 1.0 : clearFactor;
        }

        public int raiseAfterHours(Rule rule) {
            return Math.max(1, raiseAfter.getOrDefault(rule, 1));
        }

        public int resolveAfterHours(Rule rule) {
            return Math.max(1, resolveAfter.getOrDefault(rule, 1));
        }

        /** How many hours back a decision at one hour looks, that hour included. */
        public int window() {
            int hours = 1;
            for (Rule rule : Rule.values()) {
                hours = Math.max(hours, Math.max(raiseAfterHours(rule), resolveAfterHours(rule)));
            }
            return hours;
        }
    }

    /**
     * Which alerts an active warning in the region suppresses: the pollutants per warning level, and the rules
     * (a rule not listed — by default the region median — is never suppressed).
     */
    public record Inhibition(Map<WarningLevel, Set<Pollutant>> pollutantsByLevel, Set<Rule> rules) {

        public Inhibition {
            pollutantsByLevel = pollutantsByLevel == null ? Map.of() : Map.copyOf(pollutantsByLevel);
            rules = rules == null ? Set.of() : Set.copyOf(rules);
        }

        public boolean suppresses(WarningLevel level, Rule rule, Pollutant pollutant) {
            return rules.contains(rule) && pollutantsByLevel.getOrDefault(level, Set.of()).contains(pollutant);
        }
    }
}
