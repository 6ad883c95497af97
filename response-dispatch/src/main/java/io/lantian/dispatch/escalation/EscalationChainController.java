package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.platform.problem.ApiProblem;
import io.lantian.platform.problem.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The escalation chain of each warning level, for administrators (officers may read it). A new chain applies
 * to order revisions issued from then on; orders in flight keep the steps they were given.
 */
@RestController
class EscalationChainController {

    private final ChainStore store;

    EscalationChainController(ChainStore store) {
        this.store = store;
    }

    @Operation(summary = "The escalation chain of every warning level (role admin, officer)")
    @GetMapping("/api/v1/admin/escalation-chains")
    List<ChainView> all() {
        return store.all().stream().map(ChainView::of).toList();
    }

    @Operation(summary = "The escalation chain of one warning level (role admin, officer)")
    @GetMapping("/api/v1/admin/escalation-chains/{level}")
    ChainView one(@PathVariable String level) {
        WarningLevel warningLevel = level(level);
        return store.find(warningLevel).map(ChainView::of)
                .orElseThrow(() -> ApiProblem.notFound("no escalation chain for " + warningLevel + " yet"));
    }

    @Operation(summary = "Replace a level's escalation chain; orders already issued keep theirs (role admin)")
    @PutMapping(path = "/api/v1/admin/escalation-chains/{level}", consumes = "application/json")
    ResponseEntity<?> replace(@PathVariable String level, @RequestBody ChainRequest request, Authentication who) {
        WarningLevel warningLevel = level(level);
        ChainRequest.Parsed parsed = request.parse();
        if (!parsed.errors().isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    parsed.errors().size() + " error(s); the chain was not changed.");
            problem.setType(ProblemTypes.of("escalation-chain-invalid"));
            problem.setTitle("Invalid escalation chain");
            problem.setProperty("errors", parsed.errors());
            return ResponseEntity.unprocessableContent().body(problem);
        }
        store.replace(new EscalationChain(warningLevel, parsed.steps()), who.getName());
        return ResponseEntity.ok(ChainView.of(store.find(warningLevel).orElseThrow()));
    }

    private static WarningLevel level(String level) {
        try {
            return WarningLevel.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("no warning level '" + level + "'; levels: " + Arrays.toString(WarningLevel.values()));
        }
    }
}
