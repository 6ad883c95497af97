package io.lantian.dispatch.compliance;

import io.lantian.platform.problem.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code POST /api/v1/power-readings}: a JSON batch of power readings from a monitoring platform, validated
 * item by item and stored. The answer (200) lists each item's outcome; a batch in which nothing was
 * acceptable is a 422 problem with the same list.
 */
@RestController
class PowerReadingController {

    /** Items are read one by one, so one malformed item is rejected with its reason, not the whole batch. */
    record PowerReadingBatch(@NotNull List<JsonNode> readings) {
    }

    record BatchResult(int accepted, int rejected, List<ReadingOutcome> results) {
    }

    private final PowerReadingIntake intake;
    private final ComplianceProperties properties;

    PowerReadingController(PowerReadingIntake intake, ComplianceProperties properties) {
        this.intake = intake;
        this.properties = properties;
    }

    @Operation(summary = "Submit a batch of power readings per enterprise and production line (role ingest or admin)")
    @PostMapping(path = "/api/v1/power-readings", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> submit(@Valid @RequestBody PowerReadingBatch batch, Authentication authentication) {
        if (batch.readings().size() > properties.maxBatchSize()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                    "A batch holds at most " + properties.maxBatchSize() + " readings; this one has " + batch.readings().size());
            problem.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        List<PowerReadingSubmission> submissions = batch.readings().stream().map(PowerReadingController::read).toList();
        List<ReadingOutcome> results = intake.submit(submissions, authentication.getName());
        int accepted = (int) results.stream().filter(ReadingOutcome::isAccepted).count();
        if (accepted == 0 && !results.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "None of the " + results.size() + " power readings was accepted; see results for each reason.");
            problem.setType(ProblemTypes.of("power-readings-rejected"));
            problem.setTitle("Power readings rejected");
            problem.setProperty("results", results);
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok(new BatchResult(accepted, results.size() - accepted, results));
    }

    private static PowerReadingSubmission read(JsonNode item) {
        if (item == null || !item.isObject()) {
            return null;
        }
        return new PowerReadingSubmission(text(item, "enterpriseId"), text(item, "lineId"), text(item, "periodEnd"),
                text(item, "period"), number(item, "energyKwh"), text(item, "source"));
    }

    private static String text(JsonNode item, String field) {
        JsonNode node = item.get(field);
        return node != null && node.isString() ? node.asString() : null;
    }

    private static Double number(JsonNode item, String field) {
        JsonNode node = item.get(field);
        return node != null && node.isNumber() ? node.asDouble() : null;
    }
}
