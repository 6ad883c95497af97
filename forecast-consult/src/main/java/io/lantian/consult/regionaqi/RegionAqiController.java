package io.lantian.consult.regionaqi;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The numbers the bureau publishes: district and township AQI by hour and by day, station means with their coverage.
 * A township is addressed under its district (its name alone repeats across districts).
 */
@RestController
class RegionAqiController {

    private final RegionAqiHistory history;
    private final RegionDailyAqi daily;

    RegionAqiController(RegionAqiHistory history, RegionDailyAqi daily) {
        this.history = history;
        this.daily = daily;
    }

    record Hour(Instant periodEnd, int aqi, String description) {
    }

    @Operation(summary = "A region's real-time AQI hour by hour (role officer)")
    @GetMapping("/api/v1/regions/{regionId}/aqi/hourly")
    List<Hour> hourly(@PathVariable String regionId,
                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
        return history.hourly(regionId, from.toInstant(), to.toInstant()).stream()
                .map(h -> new Hour(h.periodEnd(), h.aqi(), h.describe())).toList();
    }

    @Operation(summary = "A region's daily report (日报) for a Beijing-time day, with station coverage (role officer)")
    @GetMapping("/api/v1/regions/{regionId}/aqi/daily")
    RegionDailyAqi.Daily daily(@PathVariable String regionId,
                               @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return daily.daily(regionId, date);
    }

    @Operation(summary = "A township's real-time AQI hour by hour: the mean of its stations' hourly values (role officer)")
    @GetMapping("/api/v1/regions/{regionId}/townships/{township}/aqi/hourly")
    List<Hour> townshipHourly(@PathVariable String regionId, @PathVariable String township,
                              @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
                              @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
        return history.hourly(Area.township(regionId, township), from.toInstant(), to.toInstant()).stream()
                .map(h -> new Hour(h.periodEnd(), h.aqi(), h.describe())).toList();
    }

    @Operation(summary = "A township's daily report (日报) for a Beijing-time day, with station coverage (role officer)")
    @GetMapping("/api/v1/regions/{regionId}/townships/{township}/aqi/daily")
    RegionDailyAqi.Daily townshipDaily(@PathVariable String regionId, @PathVariable String township,
                                       @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return daily.daily(Area.township(regionId, township), date);
    }

    @Operation(summary = "A station's means at an hour: 1-hour values, 24-hour and O3 8-hour moving means (role officer)")
    @GetMapping("/api/v1/stations/{stationId}/means")
    Map<String, Mean> means(@PathVariable String stationId,
                            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at) {
        return daily.stationMeans(stationId, at.toInstant().truncatedTo(ChronoUnit.HOURS));
    }
}
