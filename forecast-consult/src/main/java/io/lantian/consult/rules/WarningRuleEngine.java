package io.lantian.consult.rules;

import io.lantian.common.events.WarningEvent.WarningLevel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Applies a {@link WarningRuleSet} to an hourly forecast series. Plain Java, no side effects.
 *
 * <ul>
 *   <li>"AQI > X lasting N h" is a run of at least N consecutive forecast hours strictly above X (exactly
 *       150, 200 or 300 is not "above"). A daily value counts as 24 hours, so "daily AQI > 200" is a run of
 *       24 h.</li>
 *   <li>Episodes: runs above the lowest threshold of the rule set separated by fewer than
 *       {@code liftAfterHours} hours are one episode (too close to clear in between); the episode takes the
 *       most severe level any part of it reaches — when values swing between levels the higher applies.</li>
 *   <li>An episode whose matched hours are mostly driven by O3 gets a health advisory, not a colour warning
 *       (环大气〔2024〕6号: ozone episodes are handled by advice and tighter VOCs/NOx supervision).</li>
 * </ul>
 */
public final class WarningRuleEngine {

    /** The outcome: NONE when no branch matched; the window is the episode the level applies to. */
    public record Decision(String level, String rule, Instant from, Instant to) {

        static final String NONE = "NONE";

        public static Decision none() {
            return new Decision(NONE, null, null, null);
        }

        public boolean matched() {
            return !NONE.equals(level);
        }
    }

    private record Run(int first, int last) {
        int hours() {
            return last - first + 1;
        }
    }

    private WarningRuleEngine() {
    }

    /** @param series consecutive hours in time order (gaps are not above any threshold) */
    public static Decision evaluate(WarningRuleSet rules, List<ForecastPoint> series) {
        List<ForecastPoint> hours = series.stream().sorted(Comparator.comparing(ForecastPoint::start)).toList();
        int lowest = rules.levels().stream().flatMap(l -> l.branches().stream()).flatMap(b -> b.conditions().stream())
                .mapToInt(WarningRuleSet.Condition::aboveAqi).min().orElse(Integer.MAX_VALUE);
        Decision best = Decision.none();
        int bestSeverity = -1;
        for (Run episode : episodes(hours, lowest, rules.liftAfterHours())) {
            Optional<Decision> decision = evaluateEpisode(rules, hours, episode);
            if (decision.isPresent()) {
                int severity = severity(decision.get().level());
                if (severity > bestSeverity) {
                    best = decision.get();
                    bestSeverity = severity;
                }
            }
        }
        return best;
    }

    private static Optional<Decision> evaluateEpisode(WarningRuleSet rules, List<ForecastPoint> hours, Run episode) {
        for (WarningRuleSet.LevelRule level : rules.levels()) {
            for (WarningRuleSet.Branch branch : level.branches()) {
                if (branch.conditions().stream().allMatch(c -> longestRun(hours, episode, c.aboveAqi()) >= c.hours())) {
                    Instant from = hours.get(episode.first()).start();
                    Instant to = hours.get(episode.last()).start().plus(Duration.ofHours(1));
                    String name = o3Driven(hours, episode, lowest(branch)) ? WarningLevel.HEALTH_ADVISORY.name() : level.level().name();
                    return Optional.of(new Decision(name, branch.id(), from, to));
                }
            }
        }
        return Optional.empty();
    }

    private static int lowest(WarningRuleSet.Branch branch) {
        return branch.conditions().stream().mapToInt(WarningRuleSet.Condition::aboveAqi).min().orElseThrow();
    }

    /** Runs above {@code threshold}, joined when the gap between them is shorter than {@code mergeGap} hours. */
    private static List<Run> episodes(List<ForecastPoint> hours, int threshold, int mergeGap) {
        List<Run> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < hours.size(); i++) {
            boolean above = hours.get(i).aqi() > threshold;
            if (above && start >= 0 && !consecutive(hours, i)) {
                runs.add(new Run(start, i - 1)); // a hole in the series ends a run
                start = i;
            } else if (above && start < 0) {
                start = i;
            } else if (!above && start >= 0) {
                runs.add(new Run(start, i - 1));
                start = -1;
            }
        }
        if (start >= 0) {
            runs.add(new Run(start, hours.size() - 1));
        }
        List<Run> merged = new ArrayList<>();
        for (Run run : runs) {
            if (!merged.isEmpty()) {
                Run previous = merged.get(merged.size() - 1);
                long gap = Duration.between(hours.get(previous.last()).start(), hours.get(run.first()).start()).toHours() - 1;
                if (gap < mergeGap) {
                    merged.set(merged.size() - 1, new Run(previous.first(), run.last()));
                    continue;
                }
            }
            merged.add(run);
        }
        return merged;
    }

    private static boolean consecutive(List<ForecastPoint> hours, int i) {
        return i > 0 && Duration.between(hours.get(i - 1).start(), hours.get(i).start()).equals(Duration.ofHours(1));
    }

    /** The longest run of consecutive hours strictly above {@code threshold} inside the episode. */
    private static int longestRun(List<ForecastPoint> hours, Run episode, int threshold) {
        int longest = 0;
        int current = 0;
        for (int i = episode.first(); i <= episode.last(); i++) {
            boolean above = hours.get(i).aqi() > threshold;
            current = above ? (current > 0 && consecutive(hours, i) ? current + 1 : 1) : 0;
            longest = Math.max(longest, current);
        }
        return longest;
    }

    /** Most of the episode's hours above the branch's lowest threshold name O3 as their primary pollutant. */
    private static boolean o3Driven(List<ForecastPoint> hours, Run episode, int threshold) {
        int above = 0;
        int o3 = 0;
        for (int i = episode.first(); i <= episode.last(); i++) {
            if (hours.get(i).aqi() > threshold) {
                above++;
                if ("O3".equalsIgnoreCase(hours.get(i).primaryPollutant())) {
                    o3++;
                }
            }
        }
        return above > 0 && o3 * 2 > above;
    }

    private static int severity(String level) {
        return switch (level) {
            case "RED" -> 4;
            case "ORANGE" -> 3;
            case "YELLOW" -> 2;
            case "HEALTH_ADVISORY" -> 1;
            default -> 0;
        };
    }
}
