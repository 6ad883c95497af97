package io.lantian.consult.alert;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.StationRegistered;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultApplication;
import io.lantian.consult.ProcessingLag;
import io.lantian.platform.kafka.TopicListeners;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Station alerts: their settings, the readings they judge and the station classes their thresholds need. Both
 * consumers have group ids of their own (the region-AQI consumer keeps its own pace on the same readings).
 */
@Configuration(proxyBeanMethods = false)
class StationAlertConfiguration {

    static final String PREFIX = "lantian.consult.alerts";
    static final String GROUP = ConsultApplication.NAME + ".station-alerts";

    /** Bound without Spring annotations on the record, so the rules and their settings stay plain Java. */
    @Bean
    AlertSettings stationAlertSettings(Environment environment) {
        return Binder.get(environment).bind(PREFIX, AlertSettings.class)
                .orElseThrow(() -> new IllegalStateException(PREFIX + " is not configured (see forecast-consult.yml)"));
    }

    @Bean
    StationAlertEvaluator stationAlertEvaluator(AlertSettings settings) {
        return new StationAlertEvaluator(settings);
    }

    /** One poll's readings at a time, in one transaction (see {@link StationAlertProcessor}); a thread per partition. */
    @Bean
    ConcurrentMessageListenerContainer<String, ReadingAccepted> stationAlertReadingsListener(
            TopicListeners listeners, StationAlertProcessor processor, ProcessingLag lag,
            @Value("${" + PREFIX + ".consumer-group:" + GROUP + "}") String group,
            @Value("${" + PREFIX + ".consumer-threads:3}") int concurrency) {
        return listeners.batchContainer(Topics.READINGS, group, concurrency, records -> {
            records.forEach(record -> lag.record("station-alerts", record.timestamp()));
            processor.processAll(records.stream().map(ConsumerRecord::value).toList());
        });
    }

    /** Compacted: read from the beginning (the platform's default offset reset), a null value is a removed station. */
    @Bean
    ConcurrentMessageListenerContainer<String, StationRegistered> stationAlertStationsListener(
            TopicListeners listeners, StationClasses classes,
            @Value("${" + PREFIX + ".consumer-group:" + GROUP + "}") String group) {
        return listeners.container(Topics.STATIONS, group + ".stations", record -> {
            if (record.value() == null) {
                classes.forget(record.key());
            } else {
                classes.register(record.value());
            }
        });
    }
}
