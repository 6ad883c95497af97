package io.lantian.dispatch.compliance;

/**
 * One power reading as a monitoring platform sends it; nothing is trusted yet, so every field may be missing.
 *
 * @param lineId    the production line as the reduction list names it; null or absent for the main meter
 * @param periodEnd ISO-8601 instant with offset, e.g. {@code 2026-11-29T08:00:00+08:00} (end of the period, exclusive)
 * @param period    ISO-8601 duration of the metering period, e.g. {@code PT15M}, at most {@code P1D}
 * @param energyKwh energy used in the period, kWh
 */
public record PowerReadingSubmission(String enterpriseId, String lineId, String periodEnd, String period,
                                     Double energyKwh, String source) {
}
