package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultApplication;
import io.lantian.platform.kafka.TopicListeners;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** Consumes {@code aq.readings.v1} into the region AQI. */
@Configuration(proxyBeanMethods = false)
class ReadingListenerConfiguration {

    @Bean
    ConcurrentMessageListenerContainer<String, ReadingAccepted> readingsListener(TopicListeners listeners,
                                                                                 ReadingProcessor processor) {
        return listeners.container(Topics.READINGS, ConsultApplication.NAME + ".region-aqi",
                record -> processor.process(record.value()));
    }
}
