package io.lantian.dispatch.escalation;

import java.time.Duration;

/**
 * One step of an escalation chain.
 *
 * @param after  how long after the order revision was issued the step is due
 * @param action what it does then
 */
public record ChainStep(Duration after, EscalationAction action) {
}
