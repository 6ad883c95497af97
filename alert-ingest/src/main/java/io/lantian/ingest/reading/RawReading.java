package io.lantian.ingest.reading;

import java.util.function.Supplier;

/**
 * A reading as it arrived on any path: the fields read from it (all may be missing) and the input text it
 * came in, which a rejection keeps. The text is made only when it is needed — for the rare rejection —
 * because rendering every accepted item again costs more than the rest of its validation.
 */
public record RawReading(ReadingSubmission submission, Supplier<String> text) {

    public RawReading(ReadingSubmission submission, String raw) {
        this(submission, () -> raw);
    }

    public String raw() {
        return text.get();
    }
}
