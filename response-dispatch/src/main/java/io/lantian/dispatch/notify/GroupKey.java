package io.lantian.dispatch.notify;

import io.lantian.dispatch.notify.Notice.Audience;

/** Notices of one audience, region and township (null for region-wide) go out together. */
public record GroupKey(Audience audience, String regionId, String township) {

    /** Identifies the group for the groupers' advisory lock. */
    String lockName() {
        return "officer-notice|" + audience + "|" + regionId + "|" + (township == null ? "" : township);
    }
}
