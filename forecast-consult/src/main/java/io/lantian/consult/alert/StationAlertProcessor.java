package io.lantian.consult.alert;

import io.lantian.consult.AdvisoryLocks;
import io.lantian.common.events.ReadingAccepted;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The fast lane of the station alerts: stores the hourly values of a poll and decides the station-local rules
 * (threshold, sudden rise) of the changed stations in the same transaction, with the alert rows and their events
 * (outbox). Those rules read one station's own values, alert state, silences and its region's warning, and
 * {@code aq.readings.v1} is keyed by station, so a station's values are judged by the one consumer thread owning its
 * partition: no region locks, which every poll used to wait on (every poll touches nearly every region). A
 * per-station lock (cheap, uncontended) keeps a consumer that lost its partition in a rebalance, but is still
 * finishing its poll, from deciding the same key beside the new owner.
 *
 * <p>The region-median rule reads the other stations of the region, so it is judged by the {@link RegionMedianWorker}
 * under the region's lock; the changed region-hours are queued for it ({@link RegionDueStore}) in the same
 * transaction, so a crash between the two never loses a judgement. A key's hours are decided from the stored values
 * and the key's alert state only, so deciding a batch's keys once each comes to the state that reading them one by
 * one ends in.
 */
@Service
class StationAlertProcessor {

    private static final Duration HOUR = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final HourlyValueStore values;
    private final StationAlertStore alerts;
    private final Silences silences;
    private final StationAlertEvaluator evaluator;
    private final AlertSettings settings;
    private final TransactionTemplate tx;
    private final DueDecisions dueDecisions;
    private final AlertJudge judge;
    private final RegionDueStore regionDue;
    /** Regions × pollutants stored and judged per transaction ({@code lantian.consult.alerts.groups-per-transaction}). */
    private final int groupsPerTransaction;

    StationAlertProcessor(TransactionTemplate tx, JdbcClient jdbc, HourlyValueStore values, StationAlertStore alerts, Silences silences,
                          StationAlertEvaluator evaluator, AlertSettings settings, AlertJudge judge, RegionDueStore regionDue,
                          @Value("${lantian.consult.alerts.groups-per-transaction:48}") int groupsPerTransaction) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.values = values;
        this.alerts = alerts;
        this.silences = silences;
        this.evaluator = evaluator;
        this.settings = settings;
        this.judge = judge;
        this.regionDue = regionDue;
        this.dueDecisions = new DueDecisions(evaluator);
        if (groupsPerTransaction < 1) {
            throw new IllegalArgumentException("groups-per-transaction must be at least 1, was " + groupsPerTransaction);
        }
        this.groupsPerTransaction = groupsPerTransaction;
    }

    /**
     * One batch (a poll of the topic): its hourly values are split by region and pollutant, and the groups taken
     * {@code groups-per-transaction} at a time, each share in a transaction of its own (see {@link #processGroups}).
     * Groups holding a value above a threshold (of any station class) go first, in shares of their own: they are the
     * likeliest to raise an alert, and a poll takes a while, so their alerts go out before the quiet values are
     * stored. Only the order changes: a station's values stay in one group, and groups are independent.
     * A share's values are stored and judged in the same transaction, so a batch redelivered after a failure between
     * two shares finds the first shares' values stored (duplicates, already judged) and judges the rest.
     */
    public void processAll(List<ReadingAccepted> batch) {
        batch.forEach(r -> Objects.requireNonNull(r, "a reading record without a value"));
        Map<RegionPollutant, List<ReadingAccepted>> byGroup = new TreeMap<>();
        // a value's later readings in the poll go with its first, so they are stored in the poll's order even when
        // they name another region
        Map<String, RegionPollutant> groupOfValue = new HashMap<>();
        Set<RegionPollutant> hot = new HashSet<>();
        for (ReadingAccepted r : batch) {
            // the rules are about hourly values; shorter averages are the stations' raw data
            if (r.averaging().equals(HOUR)) {
                RegionPollutant group = groupOfValue.computeIfAbsent(r.stationId() + '\n' + r.pollutant() + '\n' + r.periodEnd(),
                        k -> new RegionPollutant(r.regionId(), r.pollutant()));
                byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(r);
                if (settings.thresholds().aboveAny(r.pollutant(), r.value())) {
                    hot.add(group);
                }
            }
        }
        List<List<ReadingAccepted>> shares = new ArrayList<>();
        shares.addAll(shares(byGroup, hot::contains));
        shares.addAll(shares(byGroup, group -> !hot.contains(group)));
        for (List<ReadingAccepted> readings : shares) {
            tx.executeWithoutResult(status -> processGroups(readings));
        }
    }

    /** The readings of the groups chosen, {@code groups-per-transaction} groups per share. */
    private List<List<ReadingAccepted>> shares(Map<RegionPollutant, List<ReadingAccepted>> byGroup, Predicate<RegionPollutant> chosen) {
        List<List<ReadingAccepted>> shares = new ArrayList<>();
        List<ReadingAccepted> share = new ArrayList<>();
        int groups = 0;
        for (Map.Entry<RegionPollutant, List<ReadingAccepted>> group : byGroup.entrySet()) {
            if (!chosen.test(group.getKey())) {
                continue;
            }
            share.addAll(group.getValue());
            if (++groups == groupsPerTransaction) {
                shares.add(List.copyOf(share));
                share.clear();
                groups = 0;
            }
        }
        if (!share.isEmpty()) {
            shares.add(List.copyOf(share));
        }
        return shares;
    }

    /**
     * Hourly values of some regions and pollutants, in the caller's transaction: stored in one statement, their
     * stations locked in one statement (in one order, so transactions never wait on each other in a circle), the
     * changed stations' own values and alert states read in one query each (their silences too, once a status has to
     * be decided), every station-local (key, hour) they touch decided once, oldest hour first, and the changed
     * region-hours queued for the region-median rule.
     */
    private void processGroups(List<ReadingAccepted> hourly) {
        List<HourlyValueStore.Stored> stored = values.upsertAll(hourly);
        Instant oldest = Instant.now().minus(settings.evaluateWithin());
        Map<RegionPollutant, Map<String, TreeSet<Instant>>> changed = new TreeMap<>();
        Map<RegionPollutant, Set<Instant>> corrected = new HashMap<>();
        for (int i = 0; i < hourly.size(); i++) {
            ReadingAccepted r = hourly.get(i);
            // a duplicate was judged when it first came; a value too old to alert on is kept as the baseline of later hours
            if (stored.get(i) != HourlyValueStore.Stored.DUPLICATE && !r.periodEnd().isBefore(oldest)) {
                RegionPollutant group = new RegionPollutant(r.regionId(), r.pollutant());
                changed.computeIfAbsent(group, k -> new TreeMap<>()).computeIfAbsent(r.stationId(), k -> new TreeSet<>()).add(r.periodEnd());
                if (stored.get(i) == HourlyValueStore.Stored.CORRECTION) {
                    corrected.computeIfAbsent(group, k -> new HashSet<>()).add(r.periodEnd());
                }
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        lockStations(changed);
        queueRegionMedian(changed, corrected);

        // what the station-local decisions read: the changed stations' own hours, back to their baseline and on to
        // the later hours a late value changes
        Map<RegionPollutant, HourlyValueStore.Span> spans = new LinkedHashMap<>();
        changed.forEach((group, byStation) -> {
            Instant first = byStation.values().stream().map(TreeSet::first).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = byStation.values().stream().map(TreeSet::last).max(Comparator.naturalOrder()).orElseThrow();
            spans.put(group, new HourlyValueStore.Span(group.region(), group.pollutant(), first,
                    last.plus(HOUR.multipliedBy(evaluator.hoursAffectedAfter())),
                    byStation.keySet(), first.minus(HOUR.multipliedBy(evaluator.hoursNeededBefore()))));
        });
        Map<HourlyValueStore.Span, RegionValues> ownValues = values.ownStations(spans.values());

        Set<String> stations = new HashSet<>();
        changed.values().forEach(byStation -> stations.addAll(byStation.keySet()));
        Map<AlertKey, StationAlertStore.KeyState> states = new HashMap<>(alerts.states(stations,
                changed.keySet().stream().map(RegionPollutant::pollutant).collect(Collectors.toSet())));
        // most shares decide no status at all (nothing raised, nothing open): their silences are not read
        Supplier<Map<String, List<Silence>>> silenced = new Memo<>(() -> silences.ofStations(stations));
        Map<String, Supplier<Optional<ActiveWarning>>> warningsByRegion = new HashMap<>();

        changed.forEach((group, byStation) -> {
            RegionValues own = ownValues.get(spans.get(group));
            Supplier<Optional<ActiveWarning>> warning = warningsByRegion.computeIfAbsent(group.region(), judge::activeWarning);
            dueDecisions.stationLocal(own, byStation).forEach((key, hours) -> {
                for (Instant h : hours) {
                    StationAlertStore.KeyState state = states.getOrDefault(key, StationAlertStore.KeyState.NONE);
                    states.put(key, judge.judge(key, h, group.region(), own, state, silenced, warning));
                }
            });
        });
    }

    /**
     * The changed region-hours, queued in this transaction for the {@link RegionMedianWorker} (which judges a
     * region-hour once its values have had time to come in). Pollutants the rule does not judge are left out.
     */
    private void queueRegionMedian(Map<RegionPollutant, Map<String, TreeSet<Instant>>> changed,
                                   Map<RegionPollutant, Set<Instant>> corrected) {
        List<RegionDueStore.Due> due = new ArrayList<>();
        changed.forEach((group, byStation) -> {
            if (!evaluator.judgesRegionMedian(group.pollutant())) {
                return;
            }
            Map<Instant, Set<String>> byHour = new TreeMap<>();
            byStation.forEach((station, hours) -> hours.forEach(h -> byHour.computeIfAbsent(h, k -> new TreeSet<>()).add(station)));
            byHour.forEach((hour, stations) -> due.add(new RegionDueStore.Due(group.region(), group.pollutant(), hour, stations,
                    corrected.getOrDefault(group, Set.of()).contains(hour))));
        });
        if (due.isEmpty()) {
            return;
        }
        regionDue.enqueue(due);
    }

    /**
     * The changed stations' locks (per station and pollutant), all in one statement, in the order of the locks' keys.
     * The partition's owner is the only one to ask for them, except for a moment in a rebalance.
     */
    private void lockStations(Map<RegionPollutant, Map<String, TreeSet<Instant>>> changed) {
        List<String> keys = changed.entrySet().stream()
                .flatMap(e -> e.getValue().keySet().stream().map(station -> station + "/" + e.getKey().pollutant()))
                .toList();
        AdvisoryLocks.lockAll(jdbc, "station-alerts.station", keys);
    }
}
