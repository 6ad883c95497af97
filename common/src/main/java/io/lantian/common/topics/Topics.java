package io.lantian.common.topics;

import io.lantian.common.events.ForecastIssued;
import io.lantian.common.events.OrderEvent;
import io.lantian.common.events.PowerReading;
import io.lantian.common.events.ProposalEvent;
import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.ReadingRejected;
import io.lantian.common.events.RegionAqiEvent;
import io.lantian.common.events.StationAlertEvent;
import io.lantian.common.events.StationRegistered;
import io.lantian.common.events.WarningEvent;

import java.time.Duration;
import java.util.List;

/**
 * The typed topic catalogue. One writer per topic: the owning service is named on each entry.
 * Names carry the contract version ({@code .v1}); a breaking change gets a new topic.
 */
public final class Topics {

    /** Stations by station id, compacted. Writer: alert-ingest. */
    public static final Topic<String, StationRegistered> STATIONS = new Topic<>(
            "aq.stations.v1", String.class, StationRegistered.class, 3, null, "io.lantian.station.registered.v1");

    /** Validated readings by station id. Writer: alert-ingest. */
    public static final Topic<String, ReadingAccepted> READINGS = new Topic<>(
            "aq.readings.v1", String.class, ReadingAccepted.class, 6, Duration.ofDays(7), "io.lantian.reading.accepted.v1");

    /** Refused readings with their raw input and reason, by station id ("unknown" when none). Writer: alert-ingest. */
    public static final Topic<String, ReadingRejected> READINGS_REJECTED = new Topic<>(
            "aq.readings-rejected.v1", String.class, ReadingRejected.class, 3, Duration.ofDays(30), "io.lantian.reading.rejected.v1");

    /** Real-time region AQI per hour by region id (latest per region and hour counts). Writer: forecast-consult. */
    public static final Topic<String, RegionAqiEvent> REGION_AQI = new Topic<>(
            "aq.region-aqi.v1", String.class, RegionAqiEvent.class, 3, Duration.ofDays(30), "io.lantian.region-aqi.v1");

    /** Forecasts by region id, every one kept. Writer: forecast-consult. */
    public static final Topic<String, ForecastIssued> FORECASTS = new Topic<>(
            "aq.forecasts.v1", String.class, ForecastIssued.class, 3, Duration.ofDays(400), "io.lantian.forecast.issued.v1");

    /** Warning revisions (issued, changed, lifted, cancelled) by region id. Writer: forecast-consult. */
    public static final Topic<String, WarningEvent> WARNINGS = new Topic<>(
            "aq.warnings.v1", String.class, WarningEvent.class, 3, Duration.ofDays(400), "io.lantian.warning.v1");

    /** Order lifecycle events by enterprise id. Writer: response-dispatch. */
    public static final Topic<String, OrderEvent> ORDER_EVENTS = new Topic<>(
            "dispatch.order-events.v1", String.class, OrderEvent.class, 6, Duration.ofDays(400), "io.lantian.order.v1");

    /** Station alert changes (raised, suppressed, silenced, resolved) by station id. Writer: forecast-consult. */
    public static final Topic<String, StationAlertEvent> STATION_ALERTS = new Topic<>(
            "aq.station-alerts.v1", String.class, StationAlertEvent.class, 6, Duration.ofDays(30), "io.lantian.station-alert.v1");

    /** Consultation proposal steps (opened, updated, approved, rejected, withdrawn) by region id. Writer: forecast-consult. */
    public static final Topic<String, ProposalEvent> PROPOSALS = new Topic<>(
            "consult.proposals.v1", String.class, ProposalEvent.class, 3, Duration.ofDays(400), "io.lantian.proposal.v1");

    /**
     * Power use of enterprises' production lines by enterprise id. Writer: the power-use monitoring platform
     * (outside Lantian); response-dispatch's power-reading API stores readings without this topic.
     */
    public static final Topic<String, PowerReading> POWER_READINGS = new Topic<>(
            "power.readings.v1", String.class, PowerReading.class, 3, Duration.ofDays(30), "io.lantian.power-reading.v1");

    public static final List<Topic<?, ?>> ALL = List.of(STATIONS, READINGS, READINGS_REJECTED, REGION_AQI, FORECASTS, WARNINGS, ORDER_EVENTS,
            STATION_ALERTS, PROPOSALS, POWER_READINGS);

    private Topics() {
    }
}
