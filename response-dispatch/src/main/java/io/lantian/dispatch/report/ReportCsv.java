package io.lantian.dispatch.report;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The orders of a warning as CSV for spreadsheets: UTF-8 with a byte-order mark (without it Excel reads the
 * file as the local ANSI code page and garbles Chinese), RFC 4180 (CRLF line ends; a field with a comma, quote
 * or line break is double-quoted, quotes doubled), one row per order. Times are local ({@code yyyy-MM-dd
 * HH:mm:ss} in the configured zone), which Excel recognises as dates. Text that came from outside (names,
 * reasons, measures) and begins with {@code = + - @} gets a leading apostrophe, so a spreadsheet shows it
 * instead of evaluating it as a formula. Plain Java.
 */
final class ReportCsv {

    static final List<String> HEADER = List.of("enterprise_id", "name", "township", "grade", "level", "revision", "mode",
            "status", "issued_at", "ack_deadline", "acknowledged_at", "ack_latency_s", "cannot_comply_code",
            "cannot_comply_reason", "non_compliant", "measures");
    private static final char BOM = '\uFEFF';
    private static final String CRLF = "\r\n";

    private ReportCsv() {
    }

    static byte[] write(List<ReportRow> rows, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        StringBuilder csv = new StringBuilder().append(BOM).append(line(HEADER));
        for (ReportRow r : rows) {
            List<String> fields = new ArrayList<>();
            fields.add(r.enterpriseId());
            fields.add(text(r.name()));
            fields.add(text(r.township()));
            fields.add(r.grade());
            fields.add(r.level().name());
            fields.add(Integer.toString(r.revision()));
            fields.add(r.mode());
            fields.add(r.status().name());
            fields.add(at(r.issuedAt(), time));
            fields.add(at(r.ackDeadline(), time));
            fields.add(at(r.acknowledged() ? r.acknowledgedAt() : null, time));
            fields.add(r.ackLatency().map(d -> BigDecimal.valueOf(Math.max(0, d.toMillis()), 3).toPlainString()).orElse(""));
            fields.add(text(r.cannotComplyCode()));
            fields.add(text(r.cannotComplyReason()));
            fields.add(r.nonCompliant() ? "yes" : "no");
            fields.add(text(String.join("; ", r.measures())));
            csv.append(line(fields));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(List<String> fields) {
        return fields.stream().map(ReportCsv::quoted).collect(Collectors.joining(",")) + CRLF;
    }

    /** RFC 4180 quoting; also quotes surrounding blanks, which readers (and CsvLine) would otherwise trim. */
    static String quoted(String field) {
        if (field == null) {
            return "";
        }
        boolean quote = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")
                || (!field.isEmpty() && (Character.isWhitespace(field.charAt(0))
                || Character.isWhitespace(field.charAt(field.length() - 1))));
        return quote ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    /** Outside text, defused against formula evaluation in spreadsheets (CSV injection). */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    private static String at(Instant instant, DateTimeFormatter format) {
        return instant == null ? "" : format.format(instant);
    }
}
