package io.lantian.consult.rules;

import io.lantian.common.events.WarningEvent.WarningLevel;

import java.time.LocalDate;
import java.util.List;

/**
 * The warning thresholds in force from a date, as data: a province's variant or a future revision is a new
 * rule set, not new code. Levels are tried from the most severe down; a level applies when any of its
 * branches matches, and a branch matches when all its conditions hold within one episode.
 *
 * @param liftAfterHours how long the forecast must stay below a level's start for the warning to be lifted;
 *                       episodes separated by less than this are one episode
 */
public record WarningRuleSet(String id, String source, LocalDate effectiveFrom, int liftAfterHours,
                             List<LevelRule> levels) {

    public WarningRuleSet {
        levels = List.copyOf(levels);
    }

    public record LevelRule(WarningLevel level, List<Branch> branches) {
        public LevelRule {
            branches = List.copyOf(branches);
        }
    }

    /** Every condition must hold: e.g. red = AQI > 200 for 72 h and AQI > 300 for 24 h. */
    public record Branch(String id, List<Condition> conditions) {
        public Branch {
            conditions = List.copyOf(conditions);
        }
    }

    /** AQI strictly above {@code aboveAqi} for at least {@code hours} consecutive hours. */
    public record Condition(int aboveAqi, int hours) {
    }
}
