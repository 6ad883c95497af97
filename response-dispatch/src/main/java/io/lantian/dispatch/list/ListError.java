package io.lantian.dispatch.list;

/** One reason an import is refused: where (CSV line, or the enterprise's position in JSON), which field, why. */
public record ListError(long line, String field, String reason) {
}
