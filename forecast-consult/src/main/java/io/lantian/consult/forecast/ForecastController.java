package io.lantian.consult.forecast;

import io.lantian.common.events.ForecastIssued;
import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Forecasts in (officers and forecast providers), and the latest ones out. */
@RestController
class ForecastController {

    static final String POLLUTANT = "PM2_5|PM10|SO2|NO2|O3|CO";

    record DayIn(@NotNull LocalDate date, @NotNull @Min(0) @Max(1000) Integer aqi, @Min(0) Integer aqiLow,
                 @Min(0) Integer aqiHigh, @Pattern(regexp = POLLUTANT) String primaryPollutant) {
    }

    record HourIn(@NotNull OffsetDateTime start, @NotNull @Min(0) @Max(1000) Integer aqi,
                  @Pattern(regexp = POLLUTANT) String primaryPollutant) {
    }

    record ForecastIn(@NotBlank @Size(max = 64) String regionId, OffsetDateTime issuedAt,
                      @NotBlank @Size(max = 100) String source, @Size(max = 10) List<@Valid DayIn> days,
                      @Size(max = 240) List<@Valid HourIn> hours) {
    }

    private final ForecastService forecasts;

    ForecastController(ForecastService forecasts) {
        this.forecasts = forecasts;
    }

    @Operation(summary = "Submit a region's forecast: daily values for the next days, or hourly values (role officer or forecaster)")
    @PostMapping("/api/v1/forecasts")
    ResponseEntity<ForecastService.Received> submit(@Valid @RequestBody ForecastIn in, Authentication who) {
        boolean hasDays = in.days() != null && !in.days().isEmpty();
        boolean hasHours = in.hours() != null && !in.hours().isEmpty();
        if (hasDays == hasHours) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", "give either days or hours, not both and not neither");
        }
        Instant issuedAt = (in.issuedAt() == null ? Instant.now() : in.issuedAt().toInstant()).truncatedTo(ChronoUnit.MILLIS);
        ForecastIssued forecast = new ForecastIssued(UUID.randomUUID().toString(), in.regionId(), issuedAt, who.getName(),
                in.source(),
                hasDays ? in.days().stream().map(d -> new ForecastIssued.Day(d.date(), d.aqi(), d.aqiLow(), d.aqiHigh(),
                        d.primaryPollutant())).toList() : List.of(),
                hasHours ? in.hours().stream().map(h -> new ForecastIssued.Hour(h.start().toInstant(), h.aqi(),
                        h.primaryPollutant())).toList() : List.of());
        return ResponseEntity.status(HttpStatus.CREATED).body(forecasts.receive(forecast));
    }

    @Operation(summary = "The latest forecasts, newest first (role officer)")
    @GetMapping("/api/v1/forecasts")
    List<ForecastIssued> latest(@RequestParam(required = false) String regionId,
                                @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return forecasts.latest(regionId, limit);
    }
}
