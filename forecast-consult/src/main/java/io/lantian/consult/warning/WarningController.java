package io.lantian.consult.warning;

import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Warnings with their history, for duty officers. */
@RestController
class WarningController {

    private final WarningService warnings;

    WarningController(WarningService warnings) {
        this.warnings = warnings;
    }

    @Operation(summary = "List warnings, newest first (role officer)")
    @GetMapping("/api/v1/warnings")
    List<Warning> list(@RequestParam(required = false) String regionId, @RequestParam(required = false) String status) {
        return warnings.list(regionId, status);
    }

    @Operation(summary = "One warning with its revisions (role officer)")
    @GetMapping("/api/v1/warnings/{warningId}")
    Warning one(@PathVariable UUID warningId) {
        return warnings.find(warningId).orElseThrow(() -> ApiProblem.notFound("no warning " + warningId));
    }
}
