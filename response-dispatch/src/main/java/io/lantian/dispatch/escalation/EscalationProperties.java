package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent.WarningLevel;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Escalation of unanswered orders ({@code lantian.dispatch.escalation}).
 *
 * @param enabled      whether this instance runs the escalation worker (snapshots, stops and the API work either way)
 * @param pollInterval how often the worker looks for due steps; a step is carried out at most this late
 * @param batchSize    steps carried out per poll at most (each in its own transaction)
 * @param chains       the chain per warning level, written to the database at start for each level that has none
 *                     there yet; afterwards the database (admin API) is what counts. A level not named has no steps
 */
@ConfigurationProperties("lantian.dispatch.escalation")
public record EscalationProperties(Boolean enabled, Duration pollInterval, Integer batchSize,
                                   Map<WarningLevel, List<ChainStep>> chains) {

    public EscalationProperties {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        batchSize = batchSize == null ? 100 : batchSize;
        chains = chains == null ? Map.of() : chains;
        if (batchSize < 1) {
            throw new IllegalArgumentException("lantian.dispatch.escalation.batch-size must be at least 1");
        }
    }

    /** The configured chain of every level (none named: no steps), checked: a wrong chain stops the start. */
    public Map<WarningLevel, EscalationChain> configuredChains() {
        Map<WarningLevel, EscalationChain> all = new EnumMap<>(WarningLevel.class);
        for (WarningLevel level : WarningLevel.values()) {
            List<ChainStep> steps = chains.getOrDefault(level, List.of());
            List<ChainError> problems = EscalationChain.problems(steps);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("lantian.dispatch.escalation.chains." + level + " is invalid: " + problems);
            }
            all.put(level, new EscalationChain(level, steps));
        }
        return all;
    }
}
