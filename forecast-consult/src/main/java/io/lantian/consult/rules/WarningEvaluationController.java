package io.lantian.consult.rules;

import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code POST /api/v1/warnings:evaluate}: what the warning rules make of a forecast, without side effects —
 * for consultations ("what if the forecast is this?") and for acceptance checks.
 */
@RestController
class WarningEvaluationController {

    record DayForecast(@NotNull LocalDate date, @NotNull @Min(0) @Max(1000) Integer aqi, String primaryPollutant) {
    }

    record HourForecast(@NotNull OffsetDateTime start, @NotNull @Min(0) @Max(1000) Integer aqi, String primaryPollutant) {
    }

    record Evaluation(@NotBlank String regionId, @Size(max = 31) List<@Valid DayForecast> days,
                      @Size(max = 744) List<@Valid HourForecast> hours) {
    }

    record Window(Instant from, Instant to) {
    }

    record Result(String regionId, String level, String rule, Window window, String ruleSet, String source) {
    }

    private final WarningRules rules;

    WarningEvaluationController(WarningRules rules) {
        this.rules = rules;
    }

    @Operation(summary = "Apply the warning rules to a forecast, without side effects (role officer)")
    @PostMapping("/api/v1/warnings:evaluate")
    Result evaluate(@Valid @RequestBody Evaluation request) {
        boolean hasDays = request.days() != null && !request.days().isEmpty();
        boolean hasHours = request.hours() != null && !request.hours().isEmpty();
        if (hasDays == hasHours) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", "give either days or hours, not both and not neither");
        }
        List<ForecastPoint> series = hasDays
                ? ForecastSeries.fromDays(request.days().stream()
                        .map(d -> new ForecastSeries.Day(d.date(), d.aqi(), d.primaryPollutant())).toList())
                : request.hours().stream()
                        .map(h -> new ForecastPoint(h.start().toInstant(), h.aqi(), h.primaryPollutant())).toList();
        LocalDate firstDay = series.stream().map(ForecastPoint::start).min(Instant::compareTo).orElseThrow()
                .atZone(ForecastSeries.CHINA).toLocalDate();
        WarningRuleSet ruleSet = rules.inForceOn(firstDay);
        WarningRuleEngine.Decision decision = WarningRuleEngine.evaluate(ruleSet, series);
        return new Result(request.regionId(), decision.level(), decision.rule(),
                decision.matched() ? new Window(decision.from(), decision.to()) : null, ruleSet.id(), ruleSet.source());
    }
}
