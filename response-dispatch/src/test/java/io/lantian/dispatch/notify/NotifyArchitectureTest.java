package io.lantian.dispatch.notify;

import io.lantian.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The notifications' domain logic — grouping keys, channels and their filters, message text, signing — stays plain Java. */
class NotifyArchitectureTest {

    @Test
    void theNotificationDomainIsFreeOfSpring() {
        ServiceArchitecture.check("io.lantian.dispatch", Notice.class, GroupKey.class, NotifyChannel.class,
                OfficerMessage.class, EventNotices.class, DingTalkSigning.class, SendOutcome.class);
    }
}
