package io.lantian.dispatch.compliance;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.converter.ConversionException;

/**
 * A power-reading record that will never be valid. A {@link ConversionException}, which the platform's
 * Kafka error handler counts among the fatal exceptions, so the record goes to {@code power.readings.v1-dlt}
 * with this message at once instead of being retried.
 */
class InvalidPowerReading extends ConversionException {

    InvalidPowerReading(String message, ConsumerRecord<?, ?> record) {
        super(message, record, null);
    }
}
