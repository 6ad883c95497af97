package io.lantian.ingest.reading;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The 202 answer to a readings batch — {@code {"accepted":…,"rejected":…,"results":[…]}} with one entry per item —
 * as the same bytes the web mapper's data binding writes for {@code ReadingController.BatchResult} (a test
 * compares them), written without reflecting over 500 records per answer: by hand into a buffer sized for the
 * batch, or, when a text needs escaping (a rejection message may), field by field with the mapper's generator.
 */
final class BatchResultJson {

    /** Bytes per item of a typical answer: {"index":123,"status":"ACCEPTED","readingId":"…", … "accepted":true}. */
    private static final int BYTES_PER_ITEM = 130;

    private BatchResultJson() {
    }

    static byte[] write(JsonMapper mapper, int accepted, int rejected, List<IntakeOutcome> results) {
        byte[] json = byHand(accepted, rejected, results);
        return json != null ? json : withGenerator(mapper, accepted, rejected, results);
    }

    /** The answer written by hand, or {@code null} if a text needs escaping. */
    static byte[] byHand(int accepted, int rejected, List<IntakeOutcome> results) {
        JsonBytes json = new JsonBytes(64 + results.size() * BYTES_PER_ITEM);
        json.ascii("{\"accepted\":").number(accepted).ascii(",\"rejected\":").number(rejected).ascii(",\"results\":[");
        for (int i = 0; i < results.size(); i++) {
            IntakeOutcome outcome = results.get(i);
            json.ascii(i == 0 ? "{\"index\":" : ",{\"index\":").number(outcome.index())
                    .ascii(",\"status\":\"").ascii(outcome.status().name()).ascii("\",\"readingId\":");
            if (!json.string(outcome.readingId())) {
                return null;
            }
            json.ascii(",\"reason\":");
            if (outcome.reason() == null) {
                json.ascii("null");
            } else {
                json.ascii("\"").ascii(outcome.reason().name()).ascii("\"");
            }
            json.ascii(",\"message\":");
            if (!json.string(outcome.message())) {
                return null;
            }
            json.ascii(outcome.isAccepted() ? ",\"accepted\":true}" : ",\"accepted\":false}");
        }
        return json.ascii("]}").toByteArray();
    }

    static byte[] withGenerator(JsonMapper mapper, int accepted, int rejected, List<IntakeOutcome> results) {
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
