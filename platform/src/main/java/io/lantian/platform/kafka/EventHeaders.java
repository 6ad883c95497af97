package io.lantian.platform.kafka;

/**
 * Event metadata travels in headers named after the CloudEvents Kafka binding (binary mode), so the record
 * body stays the plain JSON event that {@code kcat} shows.
 */
public final class EventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CONTENT_TYPE = "content-type";

    private EventHeaders() {
    }
}
