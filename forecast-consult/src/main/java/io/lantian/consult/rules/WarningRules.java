package io.lantian.consult.rules;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The configured rule sets ({@code lantian.consult.warning-rules.sets}); the one in force on a date is the
 * latest whose effective date is not after it.
 */
@ConfigurationProperties("lantian.consult.warning-rules")
public record WarningRules(List<WarningRuleSet> sets) {

    public WarningRules {
        if (sets == null || sets.isEmpty()) {
            throw new IllegalArgumentException("lantian.consult.warning-rules.sets needs at least one rule set");
        }
        sets = sets.stream().sorted(Comparator.comparing(WarningRuleSet::effectiveFrom)).toList();
    }

    public WarningRuleSet inForceOn(LocalDate date) {
        WarningRuleSet inForce = null;
        for (WarningRuleSet set : sets) {
            if (!set.effectiveFrom().isAfter(date)) {
                inForce = set;
            }
        }
        if (inForce == null) {
            throw new IllegalArgumentException("no warning rule set in force on " + date);
        }
        return inForce;
    }
}
