package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent.WarningLevel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The escalation chain of one warning level: its steps in the order they fall due. Steps are counted from the
 * issue of an order revision, so a step's {@code after} is not relative to the step before it.
 */
public record EscalationChain(WarningLevel level, List<ChainStep> steps) {

    /** More steps than this is a mistake, not a chain anyone wants to receive. */
    public static final int MAX_STEPS = 20;

    public EscalationChain {
        Objects.requireNonNull(level, "level");
        List<ChainError> problems = problems(steps);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid escalation chain for " + level + ": " + problems);
        }
        steps = List.copyOf(steps);
    }

    /**
     * Why these steps do not make a chain; empty when they do. Each step is due after a positive whole number
     * of seconds, and the steps come in the order they fall due (two may fall due together).
     */
    public static List<ChainError> problems(List<ChainStep> steps) {
        List<ChainError> errors = new ArrayList<>();
        if (steps == null) {
            errors.add(new ChainError("steps", "required (an empty list for no escalation)"));
            return errors;
        }
        if (steps.size() > MAX_STEPS) {
            errors.add(new ChainError("steps", "at most " + MAX_STEPS + " steps"));
        }
        Duration previous = Duration.ZERO;
        for (int i = 0; i < steps.size(); i++) {
            ChainStep step = steps.get(i);
            String at = "steps[" + i + "]";
            if (step == null) {
                errors.add(new ChainError(at, "required"));
                continue;
            }
            if (step.action() == null) {
                errors.add(new ChainError(at + ".action", "required"));
            }
            Duration after = step.after();
            if (after == null) {
                errors.add(new ChainError(at + ".after", "required"));
            } else if (after.isNegative() || after.isZero()) {
                errors.add(new ChainError(at + ".after", "must be positive, is " + after));
            } else if (after.getNano() != 0) {
                errors.add(new ChainError(at + ".after", "must be whole seconds, is " + after));
            } else if (after.compareTo(previous) < 0) {
                errors.add(new ChainError(at + ".after", "steps come in the order they fall due: " + after
                        + " comes before the step above (" + previous + ")"));
            } else {
                previous = after;
            }
        }
        return errors;
    }

    /** A duration as officers read it in a notice: "20 min", "45 s". */
    public static String text(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
