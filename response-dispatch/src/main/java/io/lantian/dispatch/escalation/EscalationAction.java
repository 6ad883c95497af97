package io.lantian.dispatch.escalation;

/** What one step of an escalation chain does when its time has come and the order is still unanswered. */
public enum EscalationAction {
    /** Push the order revision again (webhook enterprises); for pull enterprises the ESCALATED status is the reminder. */
    REMIND_ENTERPRISE,
    /** A notice for the officer of the enterprise's township (the duty officer when the list names no township). */
    NOTIFY_TOWNSHIP_OFFICER,
    /** A notice for the duty officer of the region. */
    NOTIFY_DUTY_OFFICER
}
