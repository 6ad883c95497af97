package io.lantian.dispatch.order;

import io.lantian.common.events.WarningEvent;
import io.lantian.common.topics.Topics;
import io.lantian.dispatch.DispatchApplication;
import io.lantian.platform.kafka.TopicListeners;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Consumes {@code aq.warnings.v1} into orders; after a revision that changed many orders has committed, the
 * planner's statistics of the order tables are refreshed ({@link OrderStatistics}).
 */
@Configuration(proxyBeanMethods = false)
class WarningListenerConfiguration {

    @Bean
    ConcurrentMessageListenerContainer<String, WarningEvent> warningsListener(TopicListeners listeners, OrderService orders,
                                                                              OrderStatistics statistics) {
        return listeners.container(Topics.WARNINGS, DispatchApplication.NAME + ".orders",
                record -> statistics.afterWarning(orders.onWarning(record.value())));
    }
}
