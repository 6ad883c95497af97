package io.lantian.dispatch.notify;

import java.util.Objects;

/**
 * One thing officers should hear about: a line of a grouped message. Notices of the same audience, region
 * (and township) that arrive within one burst go out as one message per channel; a notice whose dedup key
 * was seen before is dropped, so a redelivered event or a second replica never notifies twice.
 *
 * @param township the township whose officer is meant ({@link Audience#TOWNSHIP_OFFICER}); else may be null
 * @param dedupKey identifies the fact, e.g. {@code escalation:<orderId>:r<revision>:<step>}
 */
public record Notice(NoticeKind kind, Audience audience, String regionId, String township, String dedupKey, String text) {

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(text, "text");
        if (audience == Audience.TOWNSHIP_OFFICER && (township == null || township.isBlank())) {
            throw new IllegalArgumentException("a notice for a township officer names the township");
        }
    }

    public enum Audience { DUTY_OFFICER, TOWNSHIP_OFFICER }

    public enum NoticeKind { ESCALATION, UNDELIVERABLE, NON_COMPLIANCE, STATION_ALERT, PROPOSAL, WARNING }
}
