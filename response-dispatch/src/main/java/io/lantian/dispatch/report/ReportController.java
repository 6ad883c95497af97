package io.lantian.dispatch.report;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The report of one warning for officers: JSON, or every order as CSV. */
@RestController
class ReportController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final WarningReports reports;
    private final ReportProperties properties;

    ReportController(WarningReports reports, ReportProperties properties) {
        this.reports = reports;
        this.properties = properties;
    }

    @Operation(summary = "Where the response to a warning stands: orders by status and grade, acknowledgement "
            + "latency, who has not acknowledged, who was non-compliant, expected vs required reduction (role officer, admin)")
    @GetMapping("/api/v1/warnings/{warningId}/report")
    WarningReport report(@PathVariable UUID warningId) {
        return reports.report(warningId);
    }

    @Operation(summary = "The warning's orders as CSV for spreadsheets, one row per order (role officer, admin)")
    @GetMapping(path = "/api/v1/warnings/{warningId}/report.csv", produces = "text/csv")
    ResponseEntity<byte[]> csv(@PathVariable UUID warningId) {
        byte[] body = ReportCsv.write(reports.orders(warningId).rows(), properties.timeZone());
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("warning-" + warningId + "-report.csv").build().toString())
                .body(body);
    }
}
