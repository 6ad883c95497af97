package io.lantian.consult.alert;

import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Maintenance windows (silences) of stations, set and ended by officers. */
@RestController
class SilenceController {

    record SilenceRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String stationId,
                          @NotNull OffsetDateTime from, @NotNull OffsetDateTime to,
                          @NotBlank @Size(max = 2000) String reason) {
    }

    /** A silence as listed: with its state now. */
    record SilenceView(UUID silenceId, String stationId, Instant from, Instant to, String reason, String createdBy,
                       Instant createdAt, String deletedBy, Instant deletedAt, Silence.State state) {

        static SilenceView of(Silence s) {
            return new SilenceView(s.silenceId(), s.stationId(), s.from(), s.to(), s.reason(), s.createdBy(), s.createdAt(),
                    s.deletedBy(), s.deletedAt(), s.state(Instant.now()));
        }
    }

    private final Silences silences;

    SilenceController(Silences silences) {
        this.silences = silences;
    }

    @Operation(summary = "Silence a station's alerts for a maintenance window [from, to) (role officer)")
    @PostMapping("/api/v1/silences")
    ResponseEntity<SilenceView> create(@Valid @RequestBody SilenceRequest request, Authentication who) {
        Silence silence = silences.create(request.stationId(), request.from().toInstant(), request.to().toInstant(),
                request.reason(), who.getName());
        return ResponseEntity.created(URI.create("/api/v1/silences/" + silence.silenceId())).body(SilenceView.of(silence));
    }

    @Operation(summary = "Silences, newest first, ended and deleted ones included (role officer)")
    @GetMapping("/api/v1/silences")
    List<SilenceView> list(@RequestParam(required = false) String stationId) {
        return silences.list(stationId).stream().map(SilenceView::of).toList();
    }

    @Operation(summary = "One silence (role officer)")
    @GetMapping("/api/v1/silences/{silenceId}")
    SilenceView one(@PathVariable UUID silenceId) {
        return silences.find(silenceId).map(SilenceView::of).orElseThrow(() -> ApiProblem.notFound("no silence " + silenceId));
    }

    @Operation(summary = "End a silence now; it stays on record with who ended it (role officer)")
    @DeleteMapping("/api/v1/silences/{silenceId}")
    ResponseEntity<Void> delete(@PathVariable UUID silenceId, Authentication who) {
        silences.delete(silenceId, who.getName());
        return ResponseEntity.noContent().build();
    }
}
