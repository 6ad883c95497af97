package io.lantian.dispatch.list;

import io.lantian.platform.problem.ApiProblem;
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

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The reduction list for administrators: import a year's list (JSON or CSV) — validated whole, stored all or
 * nothing — read it, and check whether it cuts enough.
 */
@RestController
class ReductionListController {

    record Imported(int year, int enterprises) {
    }

    private final ReductionListStore store;

    ReductionListController(ReductionListStore store) {
        this.store = store;
    }

    @Operation(summary = "Import a year's list as JSON; replaces that year's list (role admin)")
    @PutMapping(path = "/api/v1/admin/reduction-lists/{year}", consumes = "application/json")
    ResponseEntity<?> importJson(@PathVariable int year, @RequestBody ReductionList list, Authentication who) {
        if (list.year() != year) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", "the body's year is " + list.year() + ", the path's " + year);
        }
        return store(list, ReductionListValidator.validate(list, i -> i + 1), who, "json");
    }

    @Operation(summary = "Import a year's list as CSV, one row per measure; replaces that year's list (role admin)")
    @PutMapping(path = "/api/v1/admin/reduction-lists/{year}", consumes = "text/csv")
    ResponseEntity<?> importCsv(@PathVariable int year, InputStream body, Authentication who) throws Exception {
        ReductionListCsv.Parsed parsed = ReductionListCsv.read(year,
                new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
        List<ListError> errors = new java.util.ArrayList<>(parsed.errors());
        if (errors.isEmpty()) {
            errors.addAll(ReductionListValidator.validate(parsed.list(), i -> parsed.lineOfEnterprise().get(i)));
        }
        return store(parsed.list(), errors, who, "csv");
    }

    private ResponseEntity<?> store(ReductionList list, List<ListError> errors, Authentication who, String source) {
        int current = store.currentYear();
        if (list.year() < current) {
            // one row per enterprise: an older list would take enterprises away from the list in force
            throw ApiProblem.conflict("list-outdated", "the list in force is " + current + "; a list for " + list.year()
                    + " can no longer be imported");
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        store.replace(list, who.getName(), source);
        return ResponseEntity.ok(new Imported(list.year(), list.enterprises().size()));
    }

    private static ResponseEntity<ProblemDetail> invalid(List<ListError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                errors.size() + " error(s); nothing was stored.");
        problem.setType(io.lantian.platform.problem.ProblemTypes.of("reduction-list-invalid"));
        problem.setProperty("errors", errors);
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @Operation(summary = "Add or replace one enterprise of an imported year's list (role admin)")
    @PutMapping(path = "/api/v1/admin/reduction-lists/{year}/enterprises/{enterpriseId}", consumes = "application/json")
    ResponseEntity<?> putEnterprise(@PathVariable int year, @PathVariable String enterpriseId,
                                    @RequestBody ListedEnterprise enterprise) {
        if (!enterpriseId.equals(enterprise.enterpriseId())) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", "the body's enterpriseId differs from the path's");
        }
        List<ListError> errors = ReductionListValidator.validate(new ReductionList(year, false, null, List.of(enterprise)), i -> 0);
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        if (!store.putEnterprise(year, enterprise)) {
            throw ApiProblem.notFound("no reduction list for " + year + " yet; import one first");
        }
        return ResponseEntity.ok(withoutSecrets(enterprise));
    }

    @Operation(summary = "A year's list as stored (role admin, officer); webhook secrets are not shown")
    @GetMapping("/api/v1/admin/reduction-lists/{year}")
    List<ListedEnterprise> list(@PathVariable int year) {
        return store.ofYear(year).stream().map(ReductionListController::withoutSecrets).toList();
    }

    @Operation(summary = "Does the list cut enough, per region and level? (role admin, officer)")
    @GetMapping("/api/v1/admin/reduction-lists/{year}/sufficiency")
    List<Sufficiency.Report> sufficiency(@PathVariable int year) {
        List<ListedEnterprise> enterprises = store.ofYear(year);
        if (enterprises.isEmpty()) {
            throw ApiProblem.notFound("no reduction list for " + year);
        }
        return Sufficiency.check(enterprises);
    }

    private static ListedEnterprise withoutSecrets(ListedEnterprise e) {
        ListedEnterprise.Delivery d = e.delivery();
        return new ListedEnterprise(e.enterpriseId(), e.name(), e.regionId(), e.township(), e.industry(), e.grade(),
                e.exemption(), e.exemptUpTo(), e.baseline(), e.lines(), e.measures(), e.contact(),
                d == null ? null : new ListedEnterprise.Delivery(d.mode(), d.webhookUrl(), List.of()));
    }

}
