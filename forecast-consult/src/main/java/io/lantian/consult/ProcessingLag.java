package io.lantian.consult;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code lantian_consult_processing_lag_seconds{consumer}}: from a reading's record timestamp (when alert-ingest
 * produced it, after validation) to the moment a consumer of this service takes it up. Grows when a consumer falls
 * behind the topic; the data's own age (a late reading's period end) is not in it.
 */
@Component
public class ProcessingLag {

    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    ProcessingLag(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(String consumer, long recordTimestampMillis) {
        long lag = Math.max(0, System.currentTimeMillis() - recordTimestampMillis);
        timers.computeIfAbsent(consumer, c -> Timer.builder("lantian.consult.processing.lag").tag("consumer", c)
                        .description("record timestamp of a reading to its processing by a consumer of this service")
                        .publishPercentileHistogram().register(meters))
                .record(Duration.ofMillis(lag));
    }
}
