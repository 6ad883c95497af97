package io.lantian.ingest.reading;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.ingest.IngestProperties;
import io.lantian.platform.problem.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code POST /api/v1/readings}: a JSON batch, validated item by item. The answer (202) lists each item's
 * outcome and comes only after the broker acknowledged every accepted and every rejected reading; a batch
 * in which nothing was acceptable is a 422 problem with the same list.
 */
@RestController
class ReadingController {

    /**
     * Items are read one by one, so one malformed item is rejected with its reason, not the whole batch; plain
     * items are streamed straight into their fields ({@link ReadingItem}).
     */
    record ReadingBatch(@NotNull @ArraySchema(schema = @Schema(implementation = ReadingSubmission.class))
                        List<ReadingItem> readings) {
    }

    /** The 202 answer (written by {@link BatchResultJson}, byte for byte as data binding would write this). */
    record BatchResult(int accepted, int rejected, List<IntakeOutcome> results) {
    }

    private final ReadingIntake intake;
    private final IngestProperties properties;
    private final JsonMapper json;

    ReadingController(ReadingIntake intake, IngestProperties properties, JsonMapper json) {
        this.intake = intake;
        this.properties = properties;
        this.json = json;
    }

    @Operation(summary = "Submit a batch of readings (role ingest)")
    @PostMapping(path = "/api/v1/readings", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> submit(@Valid @RequestBody ReadingBatch batch, HttpServletRequest request) {
        if (batch.readings().size() > properties.maxBatchSize()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                    "A batch holds at most " + properties.maxBatchSize() + " readings; this one has " + batch.readings().size());
            problem.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        byte[] body = (byte[]) request.getAttribute(ReadingBodyAdvice.BODY);
        List<RawReading> readings = new ArrayList<>(batch.readings().size());
        for (ReadingItem item : batch.readings()) {
            readings.add(read(item, body));
        }
        List<IntakeOutcome> results = intake.submit(readings, ReadingAccepted.Source.HTTP);
        int accepted = 0;
        for (IntakeOutcome outcome : results) {
            accepted += outcome.isAccepted() ? 1 : 0;
        }
        if (accepted == 0 && !results.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "None of the " + results.size() + " readings was accepted; see results for each reason.");
            problem.setType(ProblemTypes.of("readings-rejected"));
            problem.setProperty("results", results);
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON)
                .body(BatchResultJson.write(json, accepted, results.size() - accepted, results));
    }

    /** A streamed item as it is; any other from its tree, as every item was read before items were streamed. */
    RawReading read(ReadingItem item, byte[] body) {
        if (item == null) {
            return read((JsonNode) null);
        }
        if (item.tree() != null) {
            return read(item.tree());
        }
        if (item.submission() == null) {
            return read(slice(item, body));
        }
        return new RawReading(item.submission(), () -> slice(item, body).toString());
    }

    private JsonNode slice(ReadingItem item, byte[] body) {
        return json.readTree(body, item.start(), item.end() - item.start());
    }

    static RawReading read(JsonNode item) {
        java.util.function.Supplier<String> raw = () -> item == null ? "null" : item.toString();
        if (item == null || !item.isObject()) {
            return new RawReading(null, raw);
        }
        return new RawReading(new ReadingSubmission(text(item, "stationId"), text(item, "pollutant"),
                number(item, "value"), text(item, "unit"), text(item, "periodEnd"), averaging(item),
                flags(item)), raw);
    }

    private static String text(JsonNode item, String field) {
        JsonNode node = item.get(field);
        return node != null && node.isString() ? node.asString() : null;
    }

    /**
     * The only optional text with a default ({@code PT1H}): a value that is not text is given as its JSON, which no
     * duration parse accepts ({@code INVALID_AVERAGING}), instead of being taken as absent. {@code null} is absent.
     */
    private static String averaging(JsonNode item) {
        JsonNode node = item.get("averaging");
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isString() ? node.asString() : node.toString();
    }

    private static Double number(JsonNode item, String field) {
        JsonNode node = item.get(field);
        return node != null && node.isNumber() ? node.asDouble() : null;
    }

    /**
     * The flags as texts. A flag that is not a string, or flags that are not an array, become a {@code null} element,
     * which the validator rejects ({@code INVALID_FLAGS}): a reading is never published with flags dropped or
     * converted. {@code "flags": null} is as if absent.
     */
    private static List<String> flags(JsonNode item) {
        JsonNode node = item.get("flags");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            return Collections.singletonList(null);
        }
        List<String> flags = new ArrayList<>(node.size());
        for (JsonNode flag : node) {
            flags.add(flag.isString() ? flag.asString() : null);
        }
        return flags;
    }
}
