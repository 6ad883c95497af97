package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Evidence;
import io.lantian.common.events.StationAlertEvent.Status;

import java.time.Instant;

/** What evaluating one hour does to one alert key. */
sealed interface AlertDecision {

    /** A new alert: the condition held for the hours hysteresis asks for. */
    record Raise(String alertId, Instant episodeStart, Status status, String reason, Evidence evidence) implements AlertDecision {
    }

    /** The open alert is now silenced, suppressed or raised again. */
    record ChangeStatus(Status status, String reason, Evidence evidence) implements AlertDecision {
    }

    /** The condition cleared for the hours hysteresis asks for. */
    record Resolve(Evidence evidence) implements AlertDecision {
    }

    /** Still open as it was; the hour's evidence is the latest. */
    record Observe(Evidence evidence) implements AlertDecision {
    }

    /** Nothing to do. */
    record None() implements AlertDecision {
    }
}
