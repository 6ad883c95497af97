package io.lantian.consult.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
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
 * delay, so rows another replica queued and rows a failed pass left are taken the same way.
 */
@Component
class RegionMedianWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RegionMedianWorker.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final RegionDueStore queue;
    private final HourlyValueStore values;
    private final StationAlertStore alerts;
    private final Silences silences;
    private final StationAlertEvaluator evaluator;
    private final AlertJudge judge;
    private final DueDecisions dueDecisions;
    private final int batchSize;
    private final Duration delay;
    private final Duration checkInterval;
    private final Counter failures;
    private volatile Thread thread;

    RegionMedianWorker(TransactionTemplate tx, JdbcClient jdbc, RegionDueStore queue, HourlyValueStore values,
                       StationAlertStore alerts, Silences silences, StationAlertEvaluator evaluator, AlertJudge judge,
                       @Value("${lantian.consult.alerts.region-median-queue.batch-size:500}") int batchSize,
                       @Value("${lantian.consult.alerts.region-median-queue.delay:2s}") Duration delay,
                       MeterRegistry meters) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("region-median-queue.batch-size must be at least 1, was " + batchSize);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("region-median-queue.delay must not be negative, was " + delay);
        }
        this.tx = tx;
        this.jdbc = jdbc;
        this.queue = queue;
        this.values = values;
        this.alerts = alerts;
        this.silences = silences;
        this.evaluator = evaluator;
        this.judge = judge;
        this.dueDecisions = new DueDecisions(evaluator);
        this.batchSize = batchSize;
        this.delay = delay;
        // looks a few times per delay, so a region-hour is judged at most a quarter of the delay late; never idle-spins
        this.checkInterval = Duration.ofMillis(Math.min(1_000, Math.max(20, delay.toMillis() / 4)));
        // a pass that keeps failing retries its rows for ever (nothing is dropped): these two make it visible.
        // The backlog is read from the table at each scrape, so it grows even while the worker itself is stuck
        this.failures = Counter.builder("lantian.station.alerts.region.median.failures")
                .description("Region-median passes that failed and left their rows queued").register(meters);
        Gauge.builder("lantian.station.alerts.region.median.backlog", queue, RegionMedianWorker::backlogSeconds)
                .description("Age of the oldest region-hour waiting for its region-median judgement (0: none waits)")
                .baseUnit("seconds").register(meters);
    }

    private static double backlogSeconds(RegionDueStore queue) {
        try {
            return queue.oldestAgeSeconds();
        } catch (RuntimeException e) {
            return Double.NaN; // the database is unreachable: unknown, which a scrape shows as such
        }
    }

    @Override
    public void start() {
        Thread worker = new Thread(this::run, "region-median-worker");
        worker.setDaemon(true);
        thread = worker;
        worker.start();
    }

    @Override
    public void stop() {
        Thread worker = thread;
        thread = null;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                judgeDue();
            } catch (RuntimeException e) {
                if (thread != Thread.currentThread()) {
                    return; // stopping: the database may be going away
                }
                failures.increment();
                log.warn("Region-median judgements failed; the rows stay queued and are retried: {}", e.toString());
            }
            try {
                Thread.sleep(checkInterval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Judges queued region-hours whose delay is over until none are left that no one else holds.
     *
     * @return region-hours judged
     */
    int judgeDue() {
        int judged = 0;
        Integer batch;
        do {
            batch = tx.execute(status -> judgeBatch());
            judged += batch == null ? 0 : batch;
        } while (batch != null && batch == batchSize);
        return judged;
    }

    /** One claim of up to {@code batch-size} region-hours, judged and deleted in the caller's transaction. */
    private int judgeBatch() {
        List<RegionDueStore.Claimed> claimed = queue.claim(delay, batchSize);
        if (claimed.isEmpty()) {
            return 0;
        }
        // the stations whose values came, per region × pollutant and hour: several rows of one region-hour (several
        // commits of the reading consumer) are judged once
        Map<RegionPollutant, Map<String, TreeSet<Instant>>> changed = new TreeMap<>();
        Map<RegionPollutant, Set<Instant>> corrected = new HashMap<>();
        for (RegionDueStore.Claimed row : claimed) {
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
        queue.delete(claimed);
        return (int) claimed.stream().map(c -> List.of(c.due().regionId(), c.due().pollutant(), c.due().hourEnd())).distinct().count();
    }

    /** The regions' and pollutants' locks, all in one statement, in the order of the locks' keys. */
    private void lockRegions(Set<RegionPollutant> groups) {
        String[] keys = groups.stream().map(g -> g.region() + "/" + g.pollutant()).toArray(String[]::new);
        jdbc.sql("""
                        select pg_advisory_xact_lock(hashtext('station-alerts'), k)
                        from (select distinct hashtext(key) as k from unnest(?::text[]) as key order by 1) as keys""")
                .param(keys).query((rs, n) -> 1).list();
    }
}
