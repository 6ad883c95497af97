package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.pollutant.Pollutant;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which (key, hour) the values just stored in one region and pollutant ask to be decided again. Plain Java. Two
 * parts, decided in different transactions (docs/station-alerts.md, "Fast lane and queued region-median judgements"):
 *
 * <ul>
 *   <li>{@link #stationLocal}: the threshold and sudden-rise rules of a changed station, at its hour and at the later
 *       hours whose decisions read it (late or corrected values). They read that station's own values only, so the
 *       consumer thread that owns the station's partition decides them at once, without region locks;</li>
 *   <li>{@link #regionMedian}: the region-median rule of the changed stations, and of the region's other stations at
 *       that hour and the next ones their run reads — but only where the new values moved the median across that
 *       station's limit or dead band (its condition that hour changed), or where the station has an open
 *       region-median alert (which keeps every hour's evidence). A decision is a function of the hours' conditions
 *       and the key's state; when no condition changed, deciding again comes to what was decided before, so most
 *       hours — the median of 20 stations barely moves with one more value — judge the changed stations alone.</li>
 * </ul>
 * A corrected value's old value is not known here, so an hour with a correction re-judges every other station.
 */
final class DueDecisions {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Comparator<AlertKey> KEY_ORDER = Comparator.comparing(AlertKey::stationId)
            .thenComparing(AlertKey::rule).thenComparing(AlertKey::pollutant);

    /** The rules that read one station's own values alone. */
    static final Set<Rule> STATION_LOCAL = Set.copyOf(EnumSet.of(Rule.THRESHOLD, Rule.SUDDEN_RISE));

    private final StationAlertEvaluator evaluator;

    DueDecisions(StationAlertEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * The threshold and sudden-rise decisions of the changed stations: their own values only.
     *
     * @param region  the region's values, those just stored included (the changed stations' own hours suffice)
     * @param changed the hours of each station whose value was just stored, new or corrected
     * @return the hours to decide per key, keys by station, rule and pollutant, hours oldest first
     */
    Map<AlertKey, NavigableSet<Instant>> stationLocal(RegionValues region, Map<String, ? extends NavigableSet<Instant>> changed) {
        Map<AlertKey, NavigableSet<Instant>> due = new TreeMap<>(KEY_ORDER);
        changed.forEach((station, hours) -> {
            for (Instant hour : hours) {
                for (Instant h : region.hoursOf(station, hour, hour.plus(HOUR.multipliedBy(evaluator.hoursAffectedAfter())))) {
                    for (Rule rule : STATION_LOCAL) {
                        due.computeIfAbsent(new AlertKey(station, rule, region.pollutant()), k -> new TreeSet<>()).add(h);
                    }
                }
            }
        });
        return due;
    }

    /**
     * The region-median decisions that values of a region-hour ask for, the changed stations' own included.
     *
     * @param region          the region's values, those just stored included
     * @param changed         the hours of each station whose value was stored since this region-hour was last judged
     * @param correctedHours  the hours at which one of them replaced an earlier value
     * @param openRegionAlert whether a key of the region-median rule has an open alert
     * @return the hours to decide per key, keys by station, hours oldest first
     */
    Map<AlertKey, NavigableSet<Instant>> regionMedian(RegionValues region, Map<String, ? extends NavigableSet<Instant>> changed,
                                                      Set<Instant> correctedHours, Predicate<AlertKey> openRegionAlert) {
        Pollutant pollutant = region.pollutant();
        Map<AlertKey, NavigableSet<Instant>> due = new TreeMap<>(KEY_ORDER);
        Map<Instant, Set<String>> newAt = new TreeMap<>();
        changed.forEach((station, hours) -> {
            for (Instant hour : hours) {
                // the rule reads the station's value of the hour judged only; its run reads the hours before it
                for (Instant h : region.hoursOf(station, hour, hour.plus(HOUR.multipliedBy(evaluator.neighbourHoursAffectedAfter())))) {
                    due.computeIfAbsent(new AlertKey(station, Rule.ABOVE_REGION_MEDIAN, pollutant), k -> new TreeSet<>()).add(h);
                }
                newAt.computeIfAbsent(hour, h -> new HashSet<>()).add(station);
            }
        });
        // once per hour: the stations with a value then are the union of every changed station's neighbours
        newAt.forEach((hour, stations) -> {
            boolean corrected = correctedHours.contains(hour);
            // the region-median rule reads the hour itself only: the region as read is how it stands now
            RegionValues before = corrected ? null : region.atHour(hour, stations);
            for (String other : region.stationsAt(hour)) {
                AlertKey key = new AlertKey(other, Rule.ABOVE_REGION_MEDIAN, pollutant);
                if (corrected || openRegionAlert.test(key)
                        || evaluator.condition(key, hour, region) != evaluator.condition(key, hour, before)) {
                    for (Instant h : region.hoursOf(other, hour, hour.plus(HOUR.multipliedBy(evaluator.neighbourHoursAffectedAfter())))) {
                        due.computeIfAbsent(key, k -> new TreeSet<>()).add(h);
                    }
                }
            }
        });
        return due;
    }
}
