package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;

import java.time.Instant;
import java.util.Optional;

/** One alert rule: the level a station's hourly value has to exceed, from the values around it. Plain Java. */
interface StationRule {

    Rule id();

    /** Empty when the rule does not judge this pollutant, or lacks the data to judge this hour. */
    Optional<Limit> limit(String stationId, Instant hourEnd, RegionValues values);
}
