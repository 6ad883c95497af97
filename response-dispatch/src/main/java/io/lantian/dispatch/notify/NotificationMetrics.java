package io.lantian.dispatch.notify;

import io.lantian.dispatch.notify.NotificationStore.State;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;

/**
 * {@code lantian_notifications_total{channel_type, result}}: attempts to send a message to a channel, by the
 * channel's type and what came of it — {@code sent}, {@code retry} (failed, tried again later) or
 * {@code failed} (the last attempt failed). Never the channel's name or URL: tags stay few and secret-free.
 */
final class NotificationMetrics {

    static final String NAME = "lantian_notifications";

    private final MeterRegistry meters;

    NotificationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void attempt(ChannelType type, State state) {
        String result = switch (state) {
            case SENT -> "sent";
            case PENDING -> "retry";
            case FAILED -> "failed";
        };
        meters.counter(NAME, "channel_type", type.name().toLowerCase(Locale.ROOT), "result", result).increment();
    }
}
