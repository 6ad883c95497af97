package io.lantian.consult.alert;

import io.lantian.consult.AdvisoryLocks;
import io.lantian.consult.DueQueue;
import io.lantian.consult.QueueWorker;
import io.lantian.consult.WorkerTurns;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Judges the region-median rule of the region-hours the reading consumer queued ({@link RegionDueStore}): claims
 * the oldest rows ({@code for update skip locked}, so replicas and threads never claim the same row), takes the
 * locks of their regions × pollutants (so two workers never judge one region-hour at once, whichever rows they
 * claimed), decides what {@link DueDecisions#regionMedian} asks for, writes alerts and events, and deletes the rows it
 * claimed — one transaction, so a failure leaves the rows for the next pass.
 *
 * <p>Coalesced: a region-hour is judged once its oldest queued row has waited
 * {@code lantian.consult.alerts.region-median-queue.delay}, and the claim takes every row of it queued by then. The
 * rule compares a station with the median of its region's stations in the same hour, whose values arrive over
 * seconds on every partition: judging once they are in is both cheaper (one judgement where every commit of the
 * reading consumer used to start one) and sounder (a median of more stations). The worker looks a few times per
 * delay ({@link QueueWorker}), so rows another replica queued and rows a failed pass left are taken the same way.
 */
@Component
class RegionMedianWorker extends QueueWorker<RegionDueStore.Due> {

    private static final Duration HOUR = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final HourlyValueStore values;
    private final StationAlertStore alerts;
    private final Silences silences;
    private final StationAlertEvaluator evaluator;
    private final AlertJudge judge;
    private final DueDecisions dueDecisions;

    RegionMedianWorker(TransactionTemplate tx, JdbcClient jdbc, RegionDueStore queue, HourlyValueStore values,
                       StationAlertStore alerts, Silences silences, StationAlertEvaluator evaluator, AlertJudge judge,
                       @Value("${lantian.consult.alerts.region-median-queue.batch-size:500}") int batchSize,
                       @Value("${lantian.consult.alerts.region-median-queue.delay:2s}") Duration delay,
                       WorkerTurns turns, MeterRegistry meters) {
        super("region-median-worker", queue.queue(), delay, batchSize, tx, turns, "lantian.station.alerts.region.median",
                "a region-hour's region-median judgement", meters);
        this.jdbc = jdbc;
        this.values = values;
        this.alerts = alerts;
        this.silences = silences;
        this.evaluator = evaluator;
        this.judge = judge;
        this.dueDecisions = new DueDecisions(evaluator);
    }

    /** Claimed region-hours judged, in the transaction that claimed them. */
    @Override
    protected void work(List<DueQueue.Claimed<RegionDueStore.Due>> claimed) {
        // the stations whose values came, per region × pollutant and hour: several rows of one region-hour (several
        // commits of the reading consumer) are judged once
        Map<RegionPollutant, Map<String, TreeSet<Instant>>> changed = new TreeMap<>();
        Map<RegionPollutant, Set<Instant>> corrected = new HashMap<>();
        for (DueQueue.Claimed<RegionDueStore.Due> row : claimed) {
            RegionDueStore.Due due = row.due();
            RegionPollutant group = new RegionPollutant(due.regionId(), due.pollutant());
            Map<String, TreeSet<Instant>> byStation = changed.computeIfAbsent(group, k -> new TreeMap<>());
            due.stations().forEach(station -> byStation.computeIfAbsent(station, k -> new TreeSet<>()).add(due.hourEnd()));
            if (due.corrected()) {
                corrected.computeIfAbsent(group, k -> new HashSet<>()).add(due.hourEnd());
            }
        }
        lockRegions(changed.keySet());

        // read after the locks: the values of every claimed row are committed (rows and values commit together),
        // and a value that comes later queues a row of its own. The rule reads the hour judged; its run looks back
        Map<RegionPollutant, HourlyValueStore.Span> spans = new LinkedHashMap<>();
        changed.forEach((group, byStation) -> {
            Instant first = byStation.values().stream().map(TreeSet::first).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = byStation.values().stream().map(TreeSet::last).max(Comparator.naturalOrder()).orElseThrow();
            Instant from = first.minus(HOUR.multipliedBy(evaluator.regionHoursNeededBefore()));
            spans.put(group, new HourlyValueStore.Span(group.region(), group.pollutant(), from,
                    last.plus(HOUR.multipliedBy(evaluator.neighbourHoursAffectedAfter())), Set.of(), from));
        });
        Map<HourlyValueStore.Span, RegionValues> regionValues = values.regions(spans.values());

        Set<String> candidates = new HashSet<>();
        changed.forEach((group, byStation) -> {
            RegionValues region = regionValues.get(spans.get(group));
            candidates.addAll(byStation.keySet());
            byStation.values().stream().flatMap(Set::stream).distinct().forEach(hour -> candidates.addAll(region.stationsAt(hour)));
        });
        Map<AlertKey, StationAlertStore.KeyState> states = new HashMap<>(alerts.states(candidates,
                changed.keySet().stream().map(RegionPollutant::pollutant).toList()));

        Set<String> stations = new HashSet<>();
        Map<RegionPollutant, Map<AlertKey, ? extends Set<Instant>>> due = new LinkedHashMap<>();
        changed.forEach((group, byStation) -> {
            var keys = dueDecisions.regionMedian(regionValues.get(spans.get(group)), byStation,
                    corrected.getOrDefault(group, Set.of()),
                    key -> states.getOrDefault(key, StationAlertStore.KeyState.NONE).open().isPresent());
            due.put(group, keys);
            keys.keySet().forEach(key -> stations.add(key.stationId()));
        });
        // most region-hours decide no status at all (nothing raised, nothing open): their silences are not read
        Supplier<Map<String, List<Silence>>> silenced = new Memo<>(() -> silences.ofStations(stations));
        Map<String, Supplier<Optional<ActiveWarning>>> warningsByRegion = new HashMap<>();
        due.forEach((group, keys) -> {
            RegionValues region = regionValues.get(spans.get(group));
            Supplier<Optional<ActiveWarning>> warning = warningsByRegion.computeIfAbsent(group.region(), judge::activeWarning);
            keys.forEach((key, hours) -> {
                for (Instant h : hours) {
                    StationAlertStore.KeyState state = states.getOrDefault(key, StationAlertStore.KeyState.NONE);
                    states.put(key, judge.judge(key, h, group.region(), region, state, silenced, warning));
                }
            });
        });
    }

    /** The regions' and pollutants' locks, all in one statement, in the order of the locks' keys. */
    private void lockRegions(Set<RegionPollutant> groups) {
        List<String> keys = groups.stream().map(g -> g.region() + "/" + g.pollutant()).toList();
        AdvisoryLocks.lockAll(jdbc, "station-alerts", keys);
    }
}
