package io.lantian.consult.rules;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.consult.rules.WarningRuleSet.Branch;
import io.lantian.consult.rules.WarningRuleSet.Condition;
import io.lantian.consult.rules.WarningRuleSet.LevelRule;

import java.time.LocalDate;
import java.util.List;

/**
 * The national rules of 环大气〔2024〕6号 as domain.md §2.1 states them, written out independently of the
 * shipped configuration; {@code WarningEvaluationTest} checks that the configuration says the same.
 */
final class RuleSets {

    private RuleSets() {
    }

    static WarningRuleSet mee2024() {
        return new WarningRuleSet("MEE-2024-6", "生态环境部《关于进一步优化重污染天气应对机制的指导意见》(环大气〔2024〕6号)",
                LocalDate.of(2024, 1, 23), 36, List.of(
                new LevelRule(WarningLevel.RED, List.of(
                        new Branch("RED: AQI>200 for 72h and AQI>300 for 24h", List.of(new Condition(200, 72), new Condition(300, 24))))),
                new LevelRule(WarningLevel.ORANGE, List.of(
                        new Branch("ORANGE: AQI>200 for 48h", List.of(new Condition(200, 48))),
                        new Branch("ORANGE: AQI>150 for 72h", List.of(new Condition(150, 72))))),
                new LevelRule(WarningLevel.YELLOW, List.of(
                        new Branch("YELLOW: AQI>200 for 24h", List.of(new Condition(200, 24))),
                        new Branch("YELLOW: AQI>150 for 48h", List.of(new Condition(150, 48)))))));
    }
}
