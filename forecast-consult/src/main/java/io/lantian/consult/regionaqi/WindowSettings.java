package io.lantian.consult.regionaqi;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * When a station's windows count as closed (for {@code lantian_consult_windows_closed_total}).
 *
 * @param closeAfter     how long after its end an hour may still receive late values; its windows close then
 * @param maxCatchUpHours after a stop, how many past hours are closed at most (older ones are skipped, not counted)
 */
@ConfigurationProperties("lantian.consult.windows")
public record WindowSettings(Duration closeAfter, int maxCatchUpHours) {
}
