package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent.WarningLevel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A level's escalation chain as the admin API shows it.
 *
 * @param updatedBy who set it last: {@code config} when it was seeded from the configuration
 */
record ChainView(WarningLevel level, List<StepView> steps, String updatedBy, Instant updatedAt) {

    /**
     * @param position     1, 2, … in the order the steps fall due
     * @param after        ISO-8601, counted from the issue of the order revision
     * @param afterSeconds the same in seconds
     */
    record StepView(int position, String after, long afterSeconds, EscalationAction action) {
    }

    static ChainView of(ChainStore.Stored stored) {
        List<StepView> steps = new ArrayList<>();
        List<ChainStep> chain = stored.chain().steps();
        for (int i = 0; i < chain.size(); i++) {
            steps.add(new StepView(i + 1, chain.get(i).after().toString(), chain.get(i).after().toSeconds(),
                    chain.get(i).action()));
        }
        return new ChainView(stored.chain().level(), steps, stored.updatedBy(), stored.updatedAt());
    }
}
