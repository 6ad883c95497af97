package io.lantian.consult.regionaqi;

import io.lantian.common.events.WarningEvent.WarningLevel;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The walking skeleton's stand-in for the national warning rules: a region whose real-time AQI reaches
 * {@code aqiThreshold} gets a warning of {@code level}.
 */
@ConfigurationProperties("lantian.consult.placeholder-rule")
public record PlaceholderRuleProperties(int aqiThreshold, WarningLevel level) {
}
