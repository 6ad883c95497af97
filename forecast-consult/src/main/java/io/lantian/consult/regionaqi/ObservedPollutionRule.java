package io.lantian.consult.regionaqi;

import io.lantian.common.events.WarningEvent.WarningLevel;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Heavy pollution already here: when a region's real-time AQI is above {@code aboveAqi} and it has neither
 * an active warning nor an open proposal, a proposal to issue a {@code level} warning at once is opened for
 * the officers (plans: "if AQI is already heavy and no improvement is expected within 12 h, issue at once").
 * It never issues by itself.
 */
@ConfigurationProperties("lantian.consult.observed-pollution")
public record ObservedPollutionRule(boolean enabled, int aboveAqi, WarningLevel level) {
}
