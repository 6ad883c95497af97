package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationAlertEvent.Status;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Station alert history for officers: what was raised where, on what evidence, and how it ended. */
@RestController
class StationAlertController {

    private static final int LIMIT = 200;

    /** {@code OPEN}: every alert that has not resolved (raised, suppressed or silenced). */
    enum StatusFilter { RAISED, SUPPRESSED, SILENCED, RESOLVED, OPEN }

    private final StationAlertStore alerts;

    StationAlertController(StationAlertStore alerts) {
        this.alerts = alerts;
    }

    @Operation(summary = "Station alerts, newest episodes first (at most 200); from/to keep the episodes overlapping [from, to) (role officer)")
    @GetMapping("/api/v1/station-alerts")
    List<StationAlert> list(@RequestParam(required = false) String stationId, @RequestParam(required = false) String regionId,
                            @RequestParam(required = false) StatusFilter status, @RequestParam(required = false) Rule rule,
                            @RequestParam(required = false) Pollutant pollutant,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
        boolean open = status == StatusFilter.OPEN;
        Status exact = status == null || open ? null : Status.valueOf(status.name());
        return alerts.list(new StationAlertStore.Query(stationId, regionId, exact, open, rule, pollutant, instant(from), instant(to)), LIMIT);
    }

    @Operation(summary = "One station alert with every change it went through and the evidence of each (role officer)")
    @GetMapping("/api/v1/station-alerts/{alertId}")
    StationAlert.WithHistory one(@PathVariable String alertId) {
        StationAlert alert = alerts.find(alertId).orElseThrow(() -> ApiProblem.notFound("no station alert " + alertId));
        return new StationAlert.WithHistory(alert, alerts.transitions(alertId));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
