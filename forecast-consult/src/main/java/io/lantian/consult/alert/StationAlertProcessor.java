package io.lantian.consult.alert;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.StationAlertEvent;
import io.lantian.common.events.StationAlertEvent.Evidence;
import io.lantian.common.events.StationAlertEvent.Status;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.consult.warning.WarningService;
import io.lantian.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Judges the station alert rules when hourly values arrive, in one transaction with the values themselves, the
 * alert rows and their events (outbox). Per value: every rule for the reading's station at its hour and at the
 * later hours whose decisions read it (late or corrected values), and the region-median rule of the region's
 * other stations at that hour where their median moved them across their limit ({@link DueDecisions}). Evaluations of one region and pollutant take turns
 * (advisory lock), so replicas, consumer threads and the neighbour re-evaluation never decide the same key at once.
 * A key's hours are decided from the stored values and the key's alert state only, so deciding a batch's keys once
 * each (rather than once per reading) comes to the state that reading them one by one ends in.
 */
@Service
class StationAlertProcessor {

    private static final Logger log = LoggerFactory.getLogger(StationAlertProcessor.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final HourlyValueStore values;
    private final StationAlertStore alerts;
    private final Silences silences;
    private final WarningService warnings;
    private final StationAlertEvaluator evaluator;
    private final AlertSettings settings;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final TransactionTemplate tx;
    private final DueDecisions dueDecisions;
    /** Regions × pollutants judged per transaction ({@code lantian.consult.alerts.groups-per-transaction}). */
    private final int groupsPerTransaction;

    StationAlertProcessor(TransactionTemplate tx, JdbcClient jdbc, HourlyValueStore values, StationAlertStore alerts, Silences silences,
                          WarningService warnings, StationAlertEvaluator evaluator, AlertSettings settings, Outbox outbox,
                          MeterRegistry meters,
                          @Value("${lantian.consult.alerts.groups-per-transaction:48}") int groupsPerTransaction) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.values = values;
        this.alerts = alerts;
        this.silences = silences;
        this.warnings = warnings;
        this.evaluator = evaluator;
        this.settings = settings;
        this.outbox = outbox;
        this.meters = meters;
        this.dueDecisions = new DueDecisions(evaluator);
        if (groupsPerTransaction < 1) {
            throw new IllegalArgumentException("groups-per-transaction must be at least 1, was " + groupsPerTransaction);
        }
        this.groupsPerTransaction = groupsPerTransaction;
    }

    /**
     * One batch (a poll of the topic): its hourly values are split by region and pollutant, and the groups taken
     * {@code groups-per-transaction} at a time, each share in a transaction of its own (see {@link #processGroups}),
     * beginning with a share picked at random. The locks of a share are held until it commits, so two consumer
     * threads working on batches of the same hours meet only where they happen to reach the same share at once,
     * instead of one waiting for the other's whole batch (or following it share by share).
     * A share's values are stored and judged in the same transaction, so a batch redelivered after a failure between
     * two shares finds the first share's values stored (duplicates, already judged) and judges the rest.
     */
    public void processAll(List<ReadingAccepted> batch) {
        batch.forEach(r -> Objects.requireNonNull(r, "a reading record without a value"));
        Map<RegionPollutant, List<ReadingAccepted>> byGroup = new TreeMap<>();
        // a value's later readings in the poll go with its first, so they are stored in the poll's order even when
        // they name another region
        Map<String, RegionPollutant> groupOfValue = new HashMap<>();
        for (ReadingAccepted r : batch) {
            // the rules are about hourly values; shorter averages are the stations' raw data
            if (r.averaging().equals(HOUR)) {
                RegionPollutant group = groupOfValue.computeIfAbsent(r.stationId() + '\n' + r.pollutant() + '\n' + r.periodEnd(),
                        k -> new RegionPollutant(r.regionId(), r.pollutant()));
                byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(r);
            }
        }
        List<List<ReadingAccepted>> shares = new ArrayList<>();
        List<ReadingAccepted> share = new ArrayList<>();
        int groups = 0;
        for (List<ReadingAccepted> group : byGroup.values()) {
            share.addAll(group);
            if (++groups == groupsPerTransaction) {
                shares.add(List.copyOf(share));
                share.clear();
                groups = 0;
            }
        }
        if (!share.isEmpty()) {
            shares.add(List.copyOf(share));
        }
        // every poll touches nearly every region, so threads that all began with the first share would queue on
        // each other's locks share by share; each starts somewhere else instead. The groups of different shares
        // are independent, and each share still takes its locks in one order, so no two transactions wait in a circle
        int start = shares.isEmpty() ? 0 : ThreadLocalRandom.current().nextInt(shares.size());
        for (int i = 0; i < shares.size(); i++) {
            List<ReadingAccepted> readings = shares.get((start + i) % shares.size());
            tx.executeWithoutResult(status -> processGroups(readings));
        }
    }

    /**
     * Hourly values of some regions and pollutants, in the caller's transaction: stored in one statement, their
     * regions and pollutants locked in one statement (in one order, so transactions never wait on each other in a
     * circle), their values and alert states read in one query each (the stations' silences too, once a status has to
     * be decided), and every (key, hour) they touch decided once, oldest hour first, however many of the readings
     * touch it.
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
        lock(changed.keySet());

        // what the decisions due may read: the changed stations' own hours around their values, and the region's
        // other stations only around the changed hours (the region-median rule reads no other hour of theirs)
        Map<RegionPollutant, HourlyValueStore.Span> spans = new LinkedHashMap<>();
        changed.forEach((group, byStation) -> {
            Instant first = byStation.values().stream().map(TreeSet::first).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = byStation.values().stream().map(TreeSet::last).max(Comparator.naturalOrder()).orElseThrow();
            spans.put(group, new HourlyValueStore.Span(group.region(), group.pollutant(),
                    first.minus(HOUR.multipliedBy(evaluator.regionHoursNeededBefore())),
                    last.plus(HOUR.multipliedBy(evaluator.hoursAffectedAfter())),
                    byStation.keySet(), first.minus(HOUR.multipliedBy(evaluator.hoursNeededBefore()))));
        });
        Map<HourlyValueStore.Span, RegionValues> regionValues = values.regions(spans.values());

        Set<String> candidates = new HashSet<>();
        changed.forEach((group, byStation) -> {
            RegionValues region = regionValues.get(spans.get(group));
            candidates.addAll(byStation.keySet());
            byStation.values().stream().flatMap(Set::stream).distinct().forEach(hour -> candidates.addAll(region.stationsAt(hour)));
        });
        Map<AlertKey, StationAlertStore.KeyState> states = new HashMap<>(alerts.states(candidates,
                changed.keySet().stream().map(RegionPollutant::pollutant).collect(Collectors.toSet())));

        Map<RegionPollutant, Map<AlertKey, NavigableSet<Instant>>> due = new LinkedHashMap<>();
        Set<String> stations = new HashSet<>();
        changed.forEach((group, byStation) -> {
            Map<AlertKey, NavigableSet<Instant>> keys = dueDecisions.of(regionValues.get(spans.get(group)), byStation,
                    corrected.getOrDefault(group, Set.of()),
                    key -> states.getOrDefault(key, StationAlertStore.KeyState.NONE).open().isPresent());
            due.put(group, keys);
            keys.keySet().forEach(key -> stations.add(key.stationId()));
        });
        // most shares decide no status at all (nothing raised, nothing open): their silences are not read
        Supplier<Map<String, List<Silence>>> silenced = new Memo<>(() -> silences.ofStations(stations));
        Map<String, Supplier<Optional<ActiveWarning>>> warningsByRegion = new HashMap<>();

        due.forEach((group, keys) -> {
            RegionValues region = regionValues.get(spans.get(group));
            Supplier<Optional<ActiveWarning>> warning = warningsByRegion.computeIfAbsent(group.region(), this::activeWarning);
            keys.forEach((key, hours) -> {
                for (Instant h : hours) {
                    StationAlertStore.KeyState state = states.getOrDefault(key, StationAlertStore.KeyState.NONE);
                    states.put(key, evaluate(key, h, group.region(), region, state, silenced, warning));
                }
            });
        });
    }

    /** A region and a pollutant: the unit the rules read values of, and that evaluations take turns on. */
    private record RegionPollutant(String region, Pollutant pollutant) implements Comparable<RegionPollutant> {
        // null-safe: a reading without a region must fail where it is stored (and be dead-lettered for that reason)
        private static final Comparator<RegionPollutant> ORDER = Comparator.comparing(RegionPollutant::region,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(RegionPollutant::pollutant,
                Comparator.nullsFirst(Comparator.naturalOrder()));

        @Override
        public int compareTo(RegionPollutant o) {
            return ORDER.compare(this, o);
        }
    }

    /** The regions' and pollutants' locks, all in one statement, in the order of the locks' keys. */
    private void lock(Set<RegionPollutant> groups) {
        String[] keys = groups.stream().map(g -> g.region() + "/" + g.pollutant()).toArray(String[]::new);
        jdbc.sql("""
                        select pg_advisory_xact_lock(hashtext('station-alerts'), k)
                        from (select distinct hashtext(key) as k from unnest(?::text[]) as key order by 1) as keys""")
                .param(keys).query((rs, n) -> 1).list();
    }

    /** @return the key's alert state after this hour's decision */
    private StationAlertStore.KeyState evaluate(AlertKey key, Instant hour, String region, RegionValues regionValues,
                                                StationAlertStore.KeyState state, Supplier<Map<String, List<Silence>>> silenced,
                                                Supplier<Optional<ActiveWarning>> warning) {
        Optional<StationAlert> open = state.open();
        AlertDecision decision = evaluator.decide(key, hour, regionValues, open.map(StationAlert::open),
                open.isPresent() ? Optional.empty() : state.lastResolvedHour(),
                () -> silenced.get().getOrDefault(key.stationId(), List.of()), warning);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (decision instanceof AlertDecision.Raise raise) {
            return raise(key, hour, region, regionValues, raise, now)
                    .map(alert -> new StationAlertStore.KeyState(Optional.of(alert), state.lastResolvedHour()))
                    .orElse(state);
        } else if (decision instanceof AlertDecision.ChangeStatus change) {
            StationAlert alert = open.orElseThrow();
            // an alert silenced from its start stays off the topic; once announced, its consumers hear every change
            boolean publish = change.status() != Status.SILENCED || alert.announced();
            StationAlert changedAlert = alert.changed(change.status(), change.reason(), hour, change.evidence(), publish, now);
            save(changedAlert, hour, change.evidence(), publish, now);
            return new StationAlertStore.KeyState(Optional.of(changedAlert), state.lastResolvedHour());
        } else if (decision instanceof AlertDecision.Resolve resolve) {
            StationAlert alert = open.orElseThrow();
            StationAlert resolved = alert.changed(Status.RESOLVED, null, hour, resolve.evidence(), alert.announced(), now);
            save(resolved, hour, resolve.evidence(), alert.announced(), now);
            countAfterCommit("lantian_consult_station_alerts_resolved", Tags.of("rule", key.rule().name(), "pollutant", key.pollutant().name()));
            log.info("Station alert {} resolved at hour ending {}: {}", alert.alertId(), hour, resolve.evidence().basis());
            Instant lastResolved = state.lastResolvedHour().filter(h -> h.isAfter(hour)).orElse(hour);
            return new StationAlertStore.KeyState(Optional.empty(), Optional.of(lastResolved));
        } else if (decision instanceof AlertDecision.Observe observe) {
            StationAlert observed = open.orElseThrow().observed(hour, observe.evidence(), now);
            alerts.update(observed);
            return new StationAlertStore.KeyState(Optional.of(observed), state.lastResolvedHour());
        }
        return state;
    }

    /** @return the alert raised, empty when this episode is on record already */
    private Optional<StationAlert> raise(AlertKey key, Instant hour, String region, RegionValues regionValues, AlertDecision.Raise raise,
                                         Instant now) {
        boolean publish = raise.status() != Status.SILENCED;
        StationAlert alert = new StationAlert(raise.alertId(), key.stationId(), region, regionValues.classOf(key.stationId()),
                key.rule(), key.pollutant(), raise.status(), raise.reason(), raise.episodeStart(), hour, hour, null,
                raise.evidence(), raise.evidence(), raise.evidence().value(), 1, publish, now, now, null);
        if (!alerts.insert(alert)) {
            return Optional.empty(); // this episode is on record already
        }
        history(alert, hour, raise.evidence(), publish, now);
        countAfterCommit("lantian_consult_station_alerts_raised",
                Tags.of("rule", key.rule().name(), "pollutant", key.pollutant().name(), "status", raise.status().name()));
        log.info("Station alert {} {}: {}", alert.alertId(), raise.status(), raise.evidence().basis());
        return Optional.of(alert);
    }

    private void save(StationAlert changed, Instant hour, Evidence evidence, boolean publish, Instant now) {
        alerts.update(changed);
        history(changed, hour, evidence, publish, now);
    }

    private void history(StationAlert alert, Instant hour, Evidence evidence, boolean publish, Instant now) {
        alerts.record(alert.alertId(), new StationAlert.Transition(alert.revision(), alert.status(), hour, alert.statusReason(),
                evidence, publish, now));
        if (publish) {
            outbox.append(Topics.STATION_ALERTS, alert.stationId(), new StationAlertEvent(alert.alertId(), alert.revision(),
                    alert.stationId(), alert.regionId(), alert.stationClass(), alert.rule(), alert.pollutant(), alert.status(),
                    alert.episodeStart(), hour, evidence, alert.statusReason(), now));
        }
    }

    /** Counted once the transaction commits: a retried record must not count twice. No station id: tags stay few. */
    private void countAfterCommit(String name, Tags tags) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                meters.counter(name, tags).increment();
            }
        });
    }

    /** The region's active warning, asked at most once per share and only when a status is decided. */
    private Supplier<Optional<ActiveWarning>> activeWarning(String region) {
        return new Memo<>(() -> warnings.activeIn(region).map(w -> new ActiveWarning(w.warningId(), WarningLevel.valueOf(w.level()))));
    }

    /** A value read at most once, and only when asked for (one thread: a share is decided by the thread that stores it). */
    private static final class Memo<T> implements Supplier<T> {

        private Supplier<T> source;
        private T value;

        Memo(Supplier<T> source) {
            this.source = source;
        }

        @Override
        public T get() {
            if (source != null) {
                value = source.get();
                source = null;
            }
            return value;
        }
    }
}
