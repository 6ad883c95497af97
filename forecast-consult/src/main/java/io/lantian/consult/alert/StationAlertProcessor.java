package io.lantian.consult.alert;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.StationAlertEvent;
import io.lantian.common.events.StationAlertEvent.Evidence;
import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationAlertEvent.Status;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.consult.warning.WarningService;
import io.lantian.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Judges the station alert rules when an hourly value arrives, in one transaction with the value itself, the
 * alert rows and their events (outbox). Per reading: every rule for the reading's station at its hour and at the
 * later hours whose decisions read it (late or corrected values), and the region-median rule of the region's
 * other stations at that hour (their median just changed). Evaluations of one region and pollutant take turns
 * (advisory lock), so replicas and the neighbour re-evaluation never decide the same key at once.
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

    StationAlertProcessor(JdbcClient jdbc, HourlyValueStore values, StationAlertStore alerts, Silences silences,
                          WarningService warnings, StationAlertEvaluator evaluator, AlertSettings settings, Outbox outbox,
                          MeterRegistry meters) {
        this.jdbc = jdbc;
        this.values = values;
        this.alerts = alerts;
        this.silences = silences;
        this.warnings = warnings;
        this.evaluator = evaluator;
        this.settings = settings;
        this.outbox = outbox;
        this.meters = meters;
    }

    @Transactional
    public void process(ReadingAccepted reading) {
        if (!reading.averaging().equals(HOUR)) {
            return; // the rules are about hourly values; shorter averages are the stations' raw data
        }
        String station = reading.stationId();
        String region = reading.regionId();
        Instant hour = reading.periodEnd();
        jdbc.sql("select pg_advisory_xact_lock(hashtext('station-alerts'), hashtext(?))")
                .param(region + "/" + reading.pollutant()).query((rs, n) -> 1).single();
        if (values.upsert(reading) == HourlyValueStore.Stored.DUPLICATE) {
            return; // judged when it first came
        }
        if (hour.isBefore(Instant.now().minus(settings.evaluateWithin()))) {
            return; // kept as the baseline of later hours, too old to alert on
        }
        RegionValues regionValues = values.region(region, reading.pollutant(),
                hour.minus(HOUR.multipliedBy(evaluator.hoursNeededBefore())), hour.plus(HOUR.multipliedBy(evaluator.hoursAffectedAfter())));

        List<RegionValues.Neighbour> others = regionValues.others(station, hour);
        Set<String> stations = new HashSet<>();
        stations.add(station);
        others.forEach(n -> stations.add(n.stationId()));
        Map<String, List<Silence>> silenced = silences.ofStations(stations);
        Supplier<Optional<ActiveWarning>> warning = new ActiveWarningOnce(region);

        for (Instant h : regionValues.hoursOf(station, hour, hour.plus(HOUR.multipliedBy(evaluator.hoursAffectedAfter())))) {
            for (Rule rule : Rule.values()) {
                evaluate(new AlertKey(station, rule, reading.pollutant()), h, region, regionValues, silenced, warning);
            }
        }
        for (RegionValues.Neighbour other : others) {
            for (Instant h : regionValues.hoursOf(other.stationId(), hour, hour.plus(HOUR.multipliedBy(evaluator.neighbourHoursAffectedAfter())))) {
                evaluate(new AlertKey(other.stationId(), Rule.ABOVE_REGION_MEDIAN, reading.pollutant()), h, region, regionValues,
                        silenced, warning);
            }
        }
    }

    private void evaluate(AlertKey key, Instant hour, String region, RegionValues regionValues,
                          Map<String, List<Silence>> silenced, Supplier<Optional<ActiveWarning>> warning) {
        Optional<StationAlert> open = alerts.open(key);
        AlertDecision decision = evaluator.decide(key, hour, regionValues, open.map(StationAlert::open),
                open.isPresent() ? Optional.empty() : alerts.lastResolvedHour(key),
                silenced.getOrDefault(key.stationId(), List.of()), warning);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (decision instanceof AlertDecision.Raise raise) {
            raise(key, hour, region, regionValues, raise, now);
        } else if (decision instanceof AlertDecision.ChangeStatus change) {
            StationAlert alert = open.orElseThrow();
            // an alert silenced from its start stays off the topic; once announced, its consumers hear every change
            boolean publish = change.status() != Status.SILENCED || alert.announced();
            save(alert.changed(change.status(), change.reason(), hour, change.evidence(), publish, now), hour, change.evidence(), publish, now);
        } else if (decision instanceof AlertDecision.Resolve resolve) {
            StationAlert alert = open.orElseThrow();
            StationAlert resolved = alert.changed(Status.RESOLVED, null, hour, resolve.evidence(), alert.announced(), now);
            save(resolved, hour, resolve.evidence(), alert.announced(), now);
            countAfterCommit("lantian_consult_station_alerts_resolved", Tags.of("rule", key.rule().name(), "pollutant", key.pollutant().name()));
            log.info("Station alert {} resolved at hour ending {}: {}", alert.alertId(), hour, resolve.evidence().basis());
        } else if (decision instanceof AlertDecision.Observe observe) {
            alerts.update(open.orElseThrow().observed(hour, observe.evidence(), now));
        }
    }

    private void raise(AlertKey key, Instant hour, String region, RegionValues regionValues, AlertDecision.Raise raise,
                       Instant now) {
        boolean publish = raise.status() != Status.SILENCED;
        StationAlert alert = new StationAlert(raise.alertId(), key.stationId(), region, regionValues.classOf(key.stationId()),
                key.rule(), key.pollutant(), raise.status(), raise.reason(), raise.episodeStart(), hour, hour, null,
                raise.evidence(), raise.evidence(), raise.evidence().value(), 1, publish, now, now, null);
        if (!alerts.insert(alert)) {
            return; // this episode is on record already
        }
        history(alert, hour, raise.evidence(), publish, now);
        countAfterCommit("lantian_consult_station_alerts_raised",
                Tags.of("rule", key.rule().name(), "pollutant", key.pollutant().name(), "status", raise.status().name()));
        log.info("Station alert {} {}: {}", alert.alertId(), raise.status(), raise.evidence().basis());
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

    /** The region's active warning, asked at most once per reading and only when a status is decided. */
    private final class ActiveWarningOnce implements Supplier<Optional<ActiveWarning>> {

        private final String region;
        private Optional<ActiveWarning> warning;

        ActiveWarningOnce(String region) {
            this.region = region;
        }

        @Override
        public Optional<ActiveWarning> get() {
            if (warning == null) {
                warning = warnings.activeIn(region).map(w -> new ActiveWarning(w.warningId(), WarningLevel.valueOf(w.level())));
            }
            return warning;
        }
    }
}
