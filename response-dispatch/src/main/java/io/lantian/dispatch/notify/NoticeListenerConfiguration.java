package io.lantian.dispatch.notify;

import io.lantian.common.events.ProposalEvent;
import io.lantian.common.events.StationAlertEvent;
import io.lantian.common.events.WarningEvent;
import io.lantian.common.topics.Topics;
import io.lantian.platform.kafka.TopicListeners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns station alerts, proposals and warnings into notices for the duty officers of their region
 * ({@link EventNotices}), each in its own transaction. Delivery is at-least-once; the dedup key makes a
 * redelivered event add nothing.
 */
@Configuration(proxyBeanMethods = false)
class NoticeListenerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NoticeListenerConfiguration.class);

    @Bean
    ConcurrentMessageListenerContainer<String, StationAlertEvent> stationAlertNoticesListener(
            TopicListeners listeners, NotifyProperties properties, Notices notices, TransactionTemplate tx) {
        return listeners.container(Topics.STATION_ALERTS, properties.consumerGroup(),
                record -> EventNotices.of(record.value()).ifPresent(notice -> add(notices, tx, notice)));
    }

    @Bean
    ConcurrentMessageListenerContainer<String, ProposalEvent> proposalNoticesListener(
            TopicListeners listeners, NotifyProperties properties, Notices notices, TransactionTemplate tx) {
        return listeners.container(Topics.PROPOSALS, properties.consumerGroup(),
                record -> EventNotices.of(record.value()).ifPresent(notice -> add(notices, tx, notice)));
    }

    @Bean
    ConcurrentMessageListenerContainer<String, WarningEvent> warningNoticesListener(
            TopicListeners listeners, NotifyProperties properties, Notices notices, TransactionTemplate tx) {
        return listeners.container(Topics.WARNINGS, properties.consumerGroup(),
                record -> add(notices, tx, EventNotices.of(record.value())));
    }

    private static void add(Notices notices, TransactionTemplate tx, Notice notice) {
        boolean added = Boolean.TRUE.equals(tx.execute(status -> notices.add(notice)));
        if (!added) {
            log.debug("Notice {} is on record already", notice.dedupKey());
        }
    }
}
