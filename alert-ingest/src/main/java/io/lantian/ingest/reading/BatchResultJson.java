package io.lantian.ingest.reading;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The 202 answer to a readings batch — {@code {"accepted":…,"rejected":…,"results":[…]}} with one entry per item —
 * written with the web mapper's own generator (so escaping and number formats are its), field by field: the
 * same bytes its data binding writes for {@code ReadingController.BatchResult} (a test compares them), without
 * reflecting over 500 records per answer, into a buffer sized for the batch.
 */
final class BatchResultJson {

    /** Bytes per item of a typical answer: {"index":123,"status":"ACCEPTED","readingId":"…", … "accepted":true}. */
    private static final int BYTES_PER_ITEM = 160;

    private BatchResultJson() {
    }

    static byte[] write(JsonMapper mapper, int accepted, int rejected, List<IntakeOutcome> results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + results.size() * BYTES_PER_ITEM);
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberProperty("accepted", accepted);
            json.writeNumberProperty("rejected", rejected);
            json.writeName("results");
            json.writeStartArray();
            for (IntakeOutcome outcome : results) {
                json.writeStartObject();
                json.writeNumberProperty("index", outcome.index());
                json.writeStringProperty("status", outcome.status().name());
                json.writeStringProperty("readingId", outcome.readingId());
                json.writeStringProperty("reason", outcome.reason() == null ? null : outcome.reason().name());
                json.writeStringProperty("message", outcome.message());
                json.writeBooleanProperty("accepted", outcome.isAccepted());   // the record's isAccepted(), as data binding writes it
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toByteArray();
    }
}
