package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.dispatch.notify.Notice;
import io.lantian.dispatch.notify.Notice.Audience;
import io.lantian.dispatch.notify.Notice.NoticeKind;

import java.time.Instant;
import java.util.UUID;

/**
 * The notices escalation gives officers, one line each (the sender groups them per region and burst). Dedup
 * keys name the fact, so the same fact is never noticed twice, whichever replica records it.
 */
final class EscalationNotices {

    private EscalationNotices() {
    }

    /**
     * A step that tells an officer. The township officer's notice goes to the duty officer when the reduction
     * list names no township for the enterprise: someone must hear of it.
     */
    static Notice forStep(EscalationSteps.Due step) {
        boolean township = step.action() == EscalationAction.NOTIFY_TOWNSHIP_OFFICER
                && step.township() != null && !step.township().isBlank();
        String text = enterprise(step.enterpriseName(), step.enterpriseId()) + " has not acknowledged the "
                + step.level() + " order (revision " + step.revision() + ") after " + EscalationChain.text(step.after())
                + " (escalation step " + step.position() + ": " + step.action()
                + (step.action() == EscalationAction.NOTIFY_TOWNSHIP_OFFICER && !township
                        ? "; the reduction list names no township, so the duty officer is told" : "")
                + ")";
        return new Notice(NoticeKind.ESCALATION, township ? Audience.TOWNSHIP_OFFICER : Audience.DUTY_OFFICER,
                step.regionId(), township ? step.township() : null, stepKey(step.orderId(), step.revision(), step.position()),
                text);
    }

    static String stepKey(UUID orderId, int revision, int position) {
        return "escalation:" + orderId + ":r" + revision + ":" + position;
    }

    /** The enterprise says it cannot carry out the measures: officers must decide what happens instead. */
    static Notice cannotComply(UUID orderId, int revision, String regionId, WarningLevel level, String name,
                               String enterpriseId, String code, String reason, Instant at) {
        return new Notice(NoticeKind.ESCALATION, Audience.DUTY_OFFICER, regionId, null,
                "cannot-comply:" + orderId + ":r" + revision + ":" + at.toEpochMilli(),
                enterprise(name, enterpriseId) + " cannot comply with the " + level + " order (revision " + revision + "): "
                        + code + " — " + reason);
    }

    /** Every attempt to push the order revision failed; the chain goes on (a reminder re-sends it). */
    static Notice undeliverable(UUID orderId, int revision, String regionId, WarningLevel level, String name,
                                String enterpriseId, Instant at) {
        return new Notice(NoticeKind.UNDELIVERABLE, Audience.DUTY_OFFICER, regionId, null,
                "undeliverable:" + orderId + ":r" + revision + ":" + at.toEpochMilli(),
                "the " + level + " order (revision " + revision + ") could not be delivered to the webhook of "
                        + enterprise(name, enterpriseId) + "; please reach the enterprise another way");
    }

    private static String enterprise(String name, String enterpriseId) {
        return (name == null ? "enterprise" : name) + " (" + enterpriseId + ")";
    }
}
