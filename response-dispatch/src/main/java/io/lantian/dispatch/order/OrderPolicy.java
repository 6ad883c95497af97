package io.lantian.dispatch.order;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.dispatch.list.ListedEnterprise;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How orders are made.
 *
 * @param ackDeadline     per level, how long an enterprise has to acknowledge a new order revision
 * @param voluntaryGrades performance grades that reduce voluntarily (自主减排): A-grade, 引领性 …
 * @param analyzeAfter    a warning revision that creates or changes at least this many orders refreshes the
 *                        planner's statistics of the order tables once it has committed; so does the delivery
 *                        worker, finding nothing due, when at least this many delivery rows changed since their
 *                        last analyze ({@link OrderStatistics})
 */
@ConfigurationProperties("lantian.dispatch.orders")
public record OrderPolicy(Map<WarningLevel, Duration> ackDeadline, Set<String> voluntaryGrades, Integer analyzeAfter) {

    public OrderPolicy {
        ackDeadline = ackDeadline == null ? Map.of() : Map.copyOf(ackDeadline);
        voluntaryGrades = voluntaryGrades == null ? Set.of() : Set.copyOf(voluntaryGrades);
        analyzeAfter = analyzeAfter == null ? 500 : analyzeAfter;
    }

    public Duration deadlineFor(WarningLevel level) {
        return ackDeadline.getOrDefault(level, Duration.ofHours(2));
    }

    /**
     * EXEMPT for an exemption covering the level (民生保障 is CAPPED instead: it keeps running at a capped load,
     * 以热定产), VOLUNTARY for the voluntary grades, MANDATORY otherwise.
     */
    public String modeFor(ListedEnterprise enterprise, WarningLevel level) {
        if (enterprise.exemptAt(level)) {
            return "民生保障".equals(enterprise.exemption()) ? "CAPPED" : "EXEMPT";
        }
        return voluntaryGrades.contains(enterprise.grade()) ? "VOLUNTARY" : "MANDATORY";
    }
}
