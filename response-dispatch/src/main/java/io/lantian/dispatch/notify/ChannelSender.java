package io.lantian.dispatch.notify;

/** Sends a message to channels of one type: one attempt, no retries (the worker schedules those durably). */
interface ChannelSender {

    ChannelType type();

    /** Must not throw for a failure of the channel: that is a failed {@link SendOutcome}. */
    SendOutcome send(NotifyChannel channel, OfficerMessage message);
}
