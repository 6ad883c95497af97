package io.lantian.ingest.reading;

/**
 * A reading as it arrived on any path: the fields read from it (all may be missing) and the input text it
 * came in, which a rejection keeps.
 */
public record RawReading(ReadingSubmission submission, String raw) {
}
