package io.lantian.common.events;

import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.Pollutant;

import java.time.Instant;
import java.util.List;

/**
 * A change in the life of a station alert (污染高值预警): raised, suppressed or silenced, resolved. The id is
 * stable — station, rule, pollutant and the start of the episode — so a re-evaluated hour never makes a
 * second alert; consumers are idempotent on alert id + revision (revisions may skip numbers: transitions of
 * an alert that was silenced from its start are recorded but not published).
 *
 * @param stationClass the station's class as {@code aq.stations.v1} last said, or {@code null} when unknown
 * @param episodeStart start of the first hour of the episode (the hour ending one hour later)
 * @param hourEnd      end of the hour whose evaluation made this change (readings are labelled by period end)
 * @param reason       why the status is what it is (the silence or the warning), {@code null} when raised plainly
 */
public record StationAlertEvent(
        String alertId,
        int revision,
        String stationId,
        String regionId,
        StationClass stationClass,
        Rule rule,
        Pollutant pollutant,
        Status status,
        Instant episodeStart,
        Instant hourEnd,
        Evidence evidence,
        String reason,
        Instant occurredAt) {

    public enum Rule {
        /** the hourly value is above the threshold for its pollutant and station class */
        THRESHOLD,
        /** the hourly value jumped against the mean of the hours before it */
        SUDDEN_RISE,
        /** the hourly value is far above the median of the region's other stations in the same hour */
        ABOVE_REGION_MEDIAN
    }

    public enum Status {
        /** active and announced */
        RAISED,
        /** active, but the region is under a warning that explains it (inhibition); recorded, not for action */
        SUPPRESSED,
        /** active during a maintenance window an officer set; recorded only */
        SILENCED,
        /** the condition cleared */
        RESOLVED
    }

    /**
     * What the rule saw at {@code hourEnd}: the value, the level it had to exceed and what that level was made of.
     *
     * @param limit         the value had to be strictly above this to count as above
     * @param basis         the same in one sentence, for people
     * @param threshold     THRESHOLD: the configured threshold
     * @param baseline      SUDDEN_RISE: the mean of the previous hours
     * @param previousHours SUDDEN_RISE: the previous hours' values (empty for the other rules)
     * @param regionMedian  ABOVE_REGION_MEDIAN: the median of the other stations
     * @param neighbours    ABOVE_REGION_MEDIAN: the other stations' values (empty for the other rules)
     */
    public record Evidence(double value, String unit, double limit, String basis, Double threshold, Double baseline,
                           List<HourValue> previousHours, Double regionMedian, List<StationValue> neighbours) {
    }

    public record HourValue(Instant hourEnd, double value) {
    }

    public record StationValue(String stationId, double value) {
    }
}
