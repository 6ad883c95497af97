package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent;
import io.lantian.common.events.StationAlertEvent.Evidence;
import io.lantian.common.events.StationAlertEvent.Status;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.consult.warning.WarningService;
import io.lantian.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides one (key, hour) and writes what the decision changes — the alert row, its transition and its event
 * (outbox) — in the caller's transaction. Shared by the fast lane ({@link StationAlertProcessor}: threshold and
 * sudden rise) and the queued region-median judgements ({@link RegionMedianWorker}); each caller makes sure no one
 * else decides the same key at once.
 */
@Component
class AlertJudge {

    private static final Logger log = LoggerFactory.getLogger(AlertJudge.class);

    private final StationAlertStore alerts;
    private final WarningService warnings;
    private final StationAlertEvaluator evaluator;
    private final Outbox outbox;
    private final MeterRegistry meters;

    AlertJudge(StationAlertStore alerts, WarningService warnings, StationAlertEvaluator evaluator, Outbox outbox,
               MeterRegistry meters) {
        this.alerts = alerts;
        this.warnings = warnings;
        this.evaluator = evaluator;
        this.outbox = outbox;
        this.meters = meters;
    }

    /** @return the key's alert state after this hour's decision */
    StationAlertStore.KeyState judge(AlertKey key, Instant hour, String region, RegionValues regionValues,
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

    /** The region's active warning, asked at most once per transaction and only when a status is decided. */
    Supplier<Optional<ActiveWarning>> activeWarning(String region) {
        return new Memo<>(() -> warnings.activeIn(region).map(w -> new ActiveWarning(w.warningId(), WarningLevel.valueOf(w.level()))));
    }
}
