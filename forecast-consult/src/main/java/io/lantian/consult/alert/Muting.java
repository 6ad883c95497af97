package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationAlertEvent.Status;
import io.lantian.common.pollutant.Pollutant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The status of an active alert for one hour: SILENCED when a silence of the station covers the hour (the data
 * of a maintained analyser are not evidence at all, so this comes first), SUPPRESSED when the region's warning
 * already explains the pollutant (inhibition: recorded, not for action), RAISED otherwise.
 */
final class Muting {

    private final AlertSettings.Inhibition inhibition;

    Muting(AlertSettings.Inhibition inhibition) {
        this.inhibition = inhibition;
    }

    record Mute(Status status, String reason) {
    }

    Mute of(Rule rule, Pollutant pollutant, Instant hourEnd, List<Silence> silences, Optional<ActiveWarning> warning) {
        for (Silence silence : silences) {
            if (silence.covers(hourEnd)) {
                return new Mute(Status.SILENCED, "silence " + silence.silenceId() + " by " + silence.createdBy() + ": " + silence.reason());
            }
        }
        if (warning.isPresent() && inhibition.suppresses(warning.get().level(), rule, pollutant)) {
            return new Mute(Status.SUPPRESSED, "region under " + warning.get().level() + " warning " + warning.get().warningId());
        }
        return new Mute(Status.RAISED, null);
    }
}
