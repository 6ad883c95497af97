package io.lantian.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import java.util.List;
import java.util.function.Consumer;

/**
 * Hands one poll's records to a handler at once, and still lets the error handler deal with one record: a record
 * that could not be deserialized ends the batch before it (the records in front are handled, then the poison one is
 * reported); when the handler fails on a batch, its records are handed over one by one so that the one that fails
 * is reported. Reported = {@link BatchListenerFailedException} naming the record: the error handler commits the
 * offsets in front of it, retries from it and sends it to the dead-letter topic when the retries are spent.
 */
final class IsolatingBatchListener<V> implements BatchMessageListener<String, V> {

    private static final Logger log = LoggerFactory.getLogger(IsolatingBatchListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(IsolatingBatchListener.class);

    private final Consumer<List<ConsumerRecord<String, V>>> handler;

    IsolatingBatchListener(Consumer<List<ConsumerRecord<String, V>>> handler) {
        this.handler = handler;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, V>> records) {
        int poison = firstUndeserializable(records);
        List<ConsumerRecord<String, V>> good = poison < 0 ? records : records.subList(0, poison);
        if (!good.isEmpty()) {
            handle(good);
        }
        if (poison >= 0) {
            ConsumerRecord<String, V> record = records.get(poison);
            throw new BatchListenerFailedException("record could not be deserialized", deserializationFailure(record), record);
        }
    }

    private void handle(List<ConsumerRecord<String, V>> records) {
        try {
            handler.accept(records);
        } catch (RuntimeException batchFailure) {
            if (records.size() == 1) {
                throw new BatchListenerFailedException(batchFailure.getMessage(), batchFailure, records.get(0));
            }
            log.warn("A batch of {} records failed ({}); handling them one by one to find the failing one",
                    records.size(), batchFailure.toString());
            for (ConsumerRecord<String, V> record : records) {
                try {
                    handler.accept(List.of(record));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException(e.getMessage(), e, record);
                }
            }
        }
    }

    private static int firstUndeserializable(List<? extends ConsumerRecord<?, ?>> records) {
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<?, ?> record = records.get(i);
            if (record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null
                    || record.headers().lastHeader(SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER) != null) {
                return i;
            }
        }
        return -1;
    }

    private static Exception deserializationFailure(ConsumerRecord<?, ?> record) {
        DeserializationException value = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        if (value != null) {
            return value;
        }
        DeserializationException key = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        return key != null ? key : new IllegalStateException("record could not be deserialized");
    }
}
