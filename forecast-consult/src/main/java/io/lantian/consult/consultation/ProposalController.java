package io.lantian.consult.consultation;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.consult.warning.ApprovalPolicy;
import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The consultation for duty officers: open proposals, and their approval or rejection. */
@RestController
class ProposalController {

    /** Approve as proposed, or with another level or times. */
    record Approval(WarningLevel level, OffsetDateTime effectiveFrom, OffsetDateTime expectedEnd,
                    @Size(max = 2000) String comment) {
    }

    record Rejection(@NotBlank @Size(max = 2000) String reason) {
    }

    private final ConsultationService consultation;
    private final ApprovalPolicy approval;

    ProposalController(ConsultationService consultation, ApprovalPolicy approval) {
        this.consultation = consultation;
        this.approval = approval;
    }

    @Operation(summary = "Proposals, newest first; status OPEN for the ones awaiting a decision (role officer)")
    @GetMapping("/api/v1/proposals")
    List<Proposal> list(@RequestParam(required = false) String regionId, @RequestParam(required = false) String status) {
        return consultation.list(regionId, status);
    }

    @Operation(summary = "One proposal with every step (role officer)")
    @GetMapping("/api/v1/proposals/{proposalId}")
    Proposal one(@PathVariable UUID proposalId) {
        return consultation.find(proposalId).orElseThrow(() -> ApiProblem.notFound("no proposal " + proposalId));
    }

    @Operation(summary = "Approve a proposal, optionally adjusting level or times (role by level)")
    @PostMapping("/api/v1/proposals/{proposalId}/approve")
    Proposal approve(@PathVariable UUID proposalId, @Valid @RequestBody(required = false) Approval request,
                     Authentication who) {
        Approval a = request == null ? new Approval(null, null, null, null) : request;
        WarningLevel level = a.level() != null ? a.level() : WarningLevel.valueOf(one(proposalId).level());
        approval.check(who, level);
        return consultation.approve(proposalId, a.level(), a.effectiveFrom() == null ? null : a.effectiveFrom().toInstant(),
                a.expectedEnd() == null ? null : a.expectedEnd().toInstant(), who.getName(), a.comment());
    }

    @Operation(summary = "Reject a proposal with a reason (role officer)")
    @PostMapping("/api/v1/proposals/{proposalId}/reject")
    Proposal reject(@PathVariable UUID proposalId, @Valid @RequestBody Rejection request, Authentication who) {
        return consultation.reject(proposalId, who.getName(), request.reason());
    }
}
