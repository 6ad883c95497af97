package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/** One alert rule: the level a station's hourly value has to exceed, from the values around it. Plain Java. */
interface StationRule {

    Rule id();

    /** Empty when the rule does not judge this pollutant, or lacks the data to judge this hour. */
    Optional<Limit> limit(String stationId, Instant hourEnd, RegionValues values);

    /**
     * The level of {@link #limit} alone, equal to {@code limit(…).map(Limit::level)}: most hours are judged only to
     * see whether they are above or clear, and their evidence (sentences, neighbour lists) would be thrown away.
     */
    OptionalDouble level(String stationId, Instant hourEnd, RegionValues values);
}
