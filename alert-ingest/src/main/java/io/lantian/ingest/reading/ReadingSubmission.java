package io.lantian.ingest.reading;

import java.util.List;

/**
 * One reading as a data provider sends it; nothing is trusted yet, so every field may be missing.
 *
 * @param value     in {@code unit}
 * @param periodEnd ISO-8601 instant with offset, e.g. {@code 2026-11-29T08:00:00+08:00}
 * @param averaging ISO-8601 duration, {@code PT1H} when absent
 */
public record ReadingSubmission(String stationId, String pollutant, Double value, String unit, String periodEnd,
                                String averaging, List<String> flags) {
}
