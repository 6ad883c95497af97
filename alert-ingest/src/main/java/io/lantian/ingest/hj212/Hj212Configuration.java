package io.lantian.ingest.hj212;

import io.lantian.ingest.reading.ReadingIntake;
import io.lantian.ingest.station.StationRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetSocketAddress;

/** The HJ 212 receiver, when {@code lantian.ingest.hj212.enabled} is true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("lantian.ingest.hj212.enabled")
class Hj212Configuration {

    @Bean
    Hj212Endpoint hj212Endpoint(Hj212Properties properties, StationRegistry stations, ReadingIntake intake, MeterRegistry meters) {
        Hj212Metrics metrics = new Hj212Metrics(meters);
        Hj212Readings readings = new Hj212Readings(properties.codes(), properties.timeZone(), properties.minuteInterval());
        Hj212Receiver receiver = new Hj212Receiver(stations, intake, readings, metrics);
        InetSocketAddress address = new InetSocketAddress(properties.address(), properties.port());
        return new Hj212Endpoint(new Hj212Server(address, properties.limits(), receiver, metrics,
                properties.maxOpenSplitMessages(), properties.splitMessageTimeout()), address);
    }
}
