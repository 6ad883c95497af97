package io.lantian.dispatch.escalation;

import org.springframework.boot.convert.DurationStyle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A level's new chain as an administrator sends it: steps in the order they fall due, each
 * {@code {"after": "10m", "action": "REMIND_ENTERPRISE"}}. {@code after} is counted from the issue of the order
 * revision and may be written {@code 90s}, {@code 10m}, {@code 1h} or ISO-8601 ({@code PT10M}).
 */
record ChainRequest(List<StepRequest> steps) {

    record StepRequest(String after, String action) {
    }

    /** The steps, or why they are refused. */
    record Parsed(List<ChainStep> steps, List<ChainError> errors) {
    }

    Parsed parse() {
        if (steps == null) {
            return new Parsed(null, EscalationChain.problems(null));
        }
        List<ChainError> errors = new ArrayList<>();
        List<ChainStep> parsed = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepRequest step = steps.get(i);
            if (step == null) {
                parsed.add(null); // reported by the chain's own check
                continue;
            }
            parsed.add(new ChainStep(duration(step.after(), "steps[" + i + "].after", errors),
                    action(step.action(), "steps[" + i + "].action", errors)));
        }
        if (errors.isEmpty()) {
            errors.addAll(EscalationChain.problems(parsed));
        }
        return new Parsed(parsed, errors);
    }

    private static Duration duration(String text, String field, List<ChainError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new ChainError(field, "required, e.g. 10m, 90s or PT10M"));
            return null;
        }
        try {
            return DurationStyle.detectAndParse(text.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new ChainError(field, "not a duration: '" + text + "' (write e.g. 10m, 90s or PT10M)"));
            return null;
        }
    }

    private static EscalationAction action(String name, String field, List<ChainError> errors) {
        try {
            return name == null ? null : EscalationAction.valueOf(name);
        } catch (IllegalArgumentException e) {
            errors.add(new ChainError(field, "unknown action '" + name + "'; known: "
                    + Arrays.toString(EscalationAction.values())));
            return EscalationAction.REMIND_ENTERPRISE; // a placeholder: the chain is refused anyway
        }
    }
}
