package io.lantian.ingest.csv;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.ingest.reading.IntakeOutcome;
import io.lantian.ingest.reading.IntakeRefused;
import io.lantian.ingest.reading.RawReading;
import io.lantian.ingest.reading.ReadingIntake;
import io.lantian.ingest.reading.Rejection;
import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/v1/readings:import}: a CSV export streamed line by line and submitted in chunks, so a
 * file of any size needs only one chunk in memory. Every reading goes through the same intake as the JSON
 * batches. If the broker stops acknowledging half-way, the answer is 503 naming the lines already confirmed;
 * sending the whole file again is safe (readings are keyed by station, pollutant, hour).
 */
@RestController
class CsvImportController {

    static final int CHUNK = 500;
    static final int MAX_REPORTED_REJECTIONS = 1000;

    record LineRejection(long line, String pollutant, Rejection.Reason reason, String message) {
    }

    record ImportResult(long lines, long accepted, long rejected, List<LineRejection> rejections,
                        boolean rejectionsTruncated) {
    }

    private final ReadingIntake intake;

    CsvImportController(ReadingIntake intake) {
        this.intake = intake;
    }

    @Operation(summary = "Import an hourly CSV export, one row per station-hour (role ingest)")
    @PostMapping(path = "/api/v1/readings:import", consumes = "text/csv")
    ImportResult importCsv(InputStream body) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", "the CSV is empty");
            }
            CsvReadings csv;
            try {
                csv = CsvReadings.fromHeader(header);
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", e.getMessage());
            }
            return new Import(csv).run(in);
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", "unreadable body: " + e.getMessage());
        }
    }

    /** One import's running totals. */
    private final class Import {

        private final CsvReadings csv;
        private final List<RawReading> chunk = new ArrayList<>(CHUNK + 6);
        private final List<Long> chunkLines = new ArrayList<>(CHUNK + 6);
        private final List<LineRejection> rejections = new ArrayList<>();
        private long lines;
        private long confirmedLines;
        private long accepted;
        private long rejected;

        Import(CsvReadings csv) {
            this.csv = csv;
        }

        ImportResult run(BufferedReader in) throws IOException {
            String line;
            long number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                for (RawReading reading : csv.readings(line)) {
                    chunk.add(reading);
                    chunkLines.add(number);
                }
                if (chunk.size() >= CHUNK) {
                    flush(number);
                }
            }
            flush(number);
            return new ImportResult(lines, accepted, rejected, rejections, rejected > rejections.size());
        }

        private void flush(long lastCompleteLine) {
            if (chunk.isEmpty()) {
                return;
            }
            List<IntakeOutcome> outcomes;
            try {
                outcomes = intake.submit(chunk, ReadingAccepted.Source.CSV);
            } catch (IntakeRefused e) {
                throw new IntakeRefused(e.kind(), e.retryAfter(), e.getMessage() + " Lines up to " + confirmedLines
                        + " of the file were confirmed before this.", e);
            }
            for (IntakeOutcome outcome : outcomes) {
                if (outcome.isAccepted()) {
                    accepted++;
                } else {
                    rejected++;
                    if (rejections.size() < MAX_REPORTED_REJECTIONS) {
                        RawReading raw = chunk.get(outcome.index());
                        rejections.add(new LineRejection(chunkLines.get(outcome.index()),
                                raw.submission() == null ? null : raw.submission().pollutant(), outcome.reason(), outcome.message()));
                    }
                }
            }
            confirmedLines = lastCompleteLine;
            chunk.clear();
            chunkLines.clear();
        }
    }
}
