package io.lantian.consult.alert;

import io.lantian.common.events.WarningEvent.WarningLevel;

/** The warning in force in a station's region, as far as inhibition cares. */
public record ActiveWarning(String warningId, WarningLevel level) {
}
