package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.StationRegistered;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultApplication;
import io.lantian.consult.ProcessingLag;
import io.lantian.platform.kafka.TopicListeners;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Consumes {@code aq.readings.v1} into the region AQI, and {@code aq.stations.v1} for the stations' townships.
 * Replicas share the readings by partition (one consumer group); the group id can be renamed (tests that start a
 * second service on a database of their own must not take partitions from the first).
 */
@Configuration(proxyBeanMethods = false)
class ReadingListenerConfiguration {

    static final String GROUP_KEY = "lantian.consult.region-aqi.consumer-group";
    static final String GROUP = ConsultApplication.NAME + ".region-aqi";
    static final String CONCURRENCY_KEY = "lantian.consult.region-aqi.consumer-threads";

    /** One poll's readings at a time, in one transaction (see {@link ReadingProcessor}); a thread per partition. */
    @Bean
    ConcurrentMessageListenerContainer<String, ReadingAccepted> readingsListener(TopicListeners listeners,
                                                                                 ReadingProcessor processor,
                                                                                 ProcessingLag lag,
                                                                                 @Value("${" + GROUP_KEY + ":" + GROUP + "}") String group,
                                                                                 @Value("${" + CONCURRENCY_KEY + ":3}") int concurrency) {
        return listeners.batchContainer(Topics.READINGS, group, concurrency, records -> {
            records.forEach(record -> lag.record("region-aqi", record.timestamp()));
            processor.processAll(records.stream().map(ConsumerRecord::value).toList());
        });
    }

    /** Compacted: read from the beginning (the platform's default offset reset); a null value is a removed station. */
    @Bean
    ConcurrentMessageListenerContainer<String, StationRegistered> regionStationsListener(TopicListeners listeners,
                                                                                       RegionStations stations,
                                                                                       @Value("${" + GROUP_KEY + ":" + GROUP + "}") String group) {
        return listeners.container(Topics.STATIONS, group + ".stations", record -> {
            if (record.value() == null) {
                stations.forget(record.key());
            } else {
                stations.register(record.value());
            }
        });
    }
}
