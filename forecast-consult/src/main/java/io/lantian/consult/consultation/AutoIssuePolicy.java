package io.lantian.consult.consultation;

import io.lantian.common.events.WarningEvent.WarningLevel;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Map;

/**
 * Optional: carry out an open proposal of a level automatically when nobody decided within the given time
 * (e.g. {@code RED: 30m}). Empty — off — by default; an automatic decision is recorded as such.
 *
 * @param afterUndecided level → how long a proposal may stay undecided
 * @param checkInterval  how often open proposals are checked
 */
@ConfigurationProperties("lantian.consult.auto-issue")
public record AutoIssuePolicy(Map<WarningLevel, Duration> afterUndecided, Duration checkInterval) {

    public AutoIssuePolicy {
        afterUndecided = afterUndecided == null ? Map.of() : Map.copyOf(afterUndecided);
        checkInterval = checkInterval == null ? Duration.ofMinutes(1) : checkInterval;
    }
}
