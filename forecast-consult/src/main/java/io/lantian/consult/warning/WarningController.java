package io.lantian.consult.warning;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Warnings for duty officers: read them with their history, and decide directly (issue on a provincial
 * notice, adjust, lift, cancel) with a reason — besides approving the rules' proposals.
 */
@RestController
class WarningController {

    record IssueRequest(@NotBlank String regionId, @NotNull WarningLevel level, OffsetDateTime effectiveFrom,
                        OffsetDateTime expectedEnd, @NotBlank @Size(max = 2000) String reason) {
    }

    record AdjustRequest(@NotNull WarningLevel level, OffsetDateTime expectedEnd, @NotBlank @Size(max = 2000) String reason) {
    }

    record ReasonRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    private final WarningService warnings;
    private final ApprovalPolicy approval;

    WarningController(WarningService warnings, ApprovalPolicy approval) {
        this.warnings = warnings;
        this.approval = approval;
    }

    @Operation(summary = "Warnings, newest first; status ACTIVE for the ones in force (role officer)")
    @GetMapping("/api/v1/warnings")
    List<Warning> list(@RequestParam(required = false) String regionId, @RequestParam(required = false) String status,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
        return warnings.list(regionId, status, instant(from), instant(to));
    }

    @Operation(summary = "One warning with its revisions and their basis (role officer)")
    @GetMapping("/api/v1/warnings/{warningId}")
    Warning one(@PathVariable UUID warningId) {
        return warnings.find(warningId).orElseThrow(() -> ApiProblem.notFound("no warning " + warningId));
    }

    @Operation(summary = "Issue a warning directly, e.g. on a provincial notice (role by level)")
    @PostMapping("/api/v1/warnings")
    ResponseEntity<Warning> issue(@Valid @RequestBody IssueRequest request, Authentication who) {
        approval.check(who, request.level());
        Warning issued = warnings.issue(request.regionId(), new WarningService.Decision(request.level(),
                instant(request.effectiveFrom()), instant(request.expectedEnd()), "direct decision: " + request.reason(),
                who.getName(), request.reason()));
        return ResponseEntity.status(HttpStatus.CREATED).body(issued);
    }

    @Operation(summary = "Raise or lower a warning (role by the new level)")
    @PostMapping("/api/v1/warnings/{warningId}/adjust")
    Warning adjust(@PathVariable UUID warningId, @Valid @RequestBody AdjustRequest request, Authentication who) {
        approval.check(who, request.level());
        return warnings.adjust(warningId, new WarningService.Decision(request.level(), null, instant(request.expectedEnd()),
                "direct decision: " + request.reason(), who.getName(), request.reason()));
    }

    @Operation(summary = "Lift a warning (role by its level)")
    @PostMapping("/api/v1/warnings/{warningId}/lift")
    Warning lift(@PathVariable UUID warningId, @Valid @RequestBody ReasonRequest request, Authentication who) {
        approval.check(who, levelOf(warningId));
        return warnings.lift(warningId, "direct decision: " + request.reason(), who.getName(), request.reason());
    }

    @Operation(summary = "Cancel a warning issued in error (role by its level)")
    @PostMapping("/api/v1/warnings/{warningId}/cancel")
    Warning cancel(@PathVariable UUID warningId, @Valid @RequestBody ReasonRequest request, Authentication who) {
        approval.check(who, levelOf(warningId));
        return warnings.cancel(warningId, "direct decision: " + request.reason(), who.getName(), request.reason());
    }

    private WarningLevel levelOf(UUID warningId) {
        return WarningLevel.valueOf(one(warningId).level());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
