package io.lantian.dispatch.compliance;

import io.lantian.common.events.PowerReading;
import io.lantian.common.topics.Topics;
import io.lantian.dispatch.DispatchApplication;
import io.lantian.platform.kafka.TopicListeners;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Consumes {@code power.readings.v1}: stores each valid reading and verifies the enterprise's orders. An invalid
 * reading goes to {@code power.readings.v1-dlt} at once with its reason ({@link InvalidPowerReading}); a record
 * that is no JSON reading at all gets there through the platform's deserialization handling.
 */
@Configuration(proxyBeanMethods = false)
class PowerReadingListenerConfiguration {

    @Bean
    ConcurrentMessageListenerContainer<String, PowerReading> powerReadingsListener(TopicListeners listeners,
                                                                                   PowerReadingIntake intake) {
        return listeners.container(Topics.POWER_READINGS, DispatchApplication.NAME + ".power-readings", record -> {
            ReadingRejection rejection = intake.fromKafka(record.value());
            if (rejection != null) {
                throw new InvalidPowerReading(rejection.toString(), record);
            }
        });
    }
}
