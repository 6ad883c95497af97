package io.lantian.consult.aqi;

import io.lantian.common.aqi.AqiCalculator;
import io.lantian.common.aqi.AqiCategory;
import io.lantian.common.aqi.AqiReport;
import io.lantian.common.aqi.AqiStandard;
import io.lantian.common.aqi.Bilingual;
import io.lantian.common.aqi.Indicator;
import io.lantian.common.aqi.ReportType;
import io.lantian.common.aqi.SubIndex;
import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/aqi:evaluate}: the AQI report of given concentrations under HJ 633-2012, HJ 633—2026
 * or the US EPA AQI, without side effects — for analysts and acceptance checks (any authenticated role).
 * The response keeps the documented shape (docs/aqi.md); {@code iaqi} holds every given key, {@code null}
 * where the standard computes no sub-index, and {@code notes} says why.
 */
@RestController
class AqiEvaluationController {

    /**
     * Numbers are read as exact decimals (BigDecimal). The digit bounds keep arithmetic on them small: a
     * value like 1e-1000000000 would otherwise make every subtraction carry a billion digits.
     */
    record Evaluation(String standard, LocalDate date, @NotNull ReportType report,
                      @NotEmpty Map<String, @NotNull @DecimalMin("0") @Digits(integer = 9, fraction = 9) BigDecimal> concentrations) {
    }

    record Category(int level, String name, String color, Bilingual names, Bilingual colorName,
                    Bilingual healthEffect, Bilingual advice) {

        static Category of(AqiCategory c) {
            return new Category(c.level(), c.name(), c.color(), c.names(), c.colorNames(), c.healthEffect(), c.advice());
        }
    }

    record Result(String standard, ReportType report, Integer aqi, Map<String, Integer> iaqi,
                  List<String> primaryPollutants, List<String> exceedingPollutants, Category category,
                  Map<String, String> notes, List<String> missingPollutants) {
    }

    @Operation(summary = "AQI, sub-indices, primary and exceeding pollutants and category of given concentrations"
            + " under HJ633-2012, HJ633-2026 or US-EPA-2024 (any authenticated role)")
    @PostMapping("/api/v1/aqi:evaluate")
    Result evaluate(@Valid @RequestBody Evaluation request) {
        AqiStandard standard = standardOf(request);
        Map<Indicator, BigDecimal> concentrations = indicatorsOf(request.concentrations(), standard);
        AqiReport report = AqiCalculator.evaluate(standard, request.report(), concentrations);

        Map<String, Integer> iaqi = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (SubIndex s : report.subIndices()) {
            iaqi.put(s.indicator().key(), s.value().isPresent() ? s.value().getAsInt() : null);
            if (s.status() != SubIndex.Status.COMPUTED) {
                notes.put(s.indicator().key(), s.note());
            }
        }
        return new Result(standard.code(), report.type(),
                report.aqi().isPresent() ? report.aqi().getAsInt() : null, iaqi,
                keys(report.primaryPollutants()), keys(report.exceedingPollutants()),
                report.category().map(Category::of).orElse(null), notes,
                report.missingPollutants().stream().map(Enum::name).toList());
    }

    /** Exactly one of standard and date: a date picks the Chinese edition in force on it. */
    private static AqiStandard standardOf(Evaluation request) {
        boolean byCode = request.standard() != null;
        if (byCode == (request.date() != null)) {
            throw badRequest("give either standard or date, not both and not neither", "standard");
        }
        if (!byCode) {
            return AqiStandard.inForceOn(request.date());
        }
        return AqiStandard.ofCode(request.standard()).orElseThrow(() -> badRequest("unknown standard '"
                + request.standard() + "'; one of " + AqiStandard.ALL.stream().map(AqiStandard::code)
                .collect(Collectors.joining(", ")), "standard"));
    }

    /**
     * Unknown keys, and keys the standard has no column for, are refused: CO_8h under HJ 633 most likely means
     * EPA data (ppm) sent to a Chinese standard (mg/m³), and a silent null would hide that.
     */
    private static Map<Indicator, BigDecimal> indicatorsOf(Map<String, BigDecimal> given, AqiStandard standard) {
        Map<Indicator, BigDecimal> concentrations = new EnumMap<>(Indicator.class);
        List<Map<String, String>> errors = new ArrayList<>();
        given.forEach((key, value) -> Indicator.ofKey(key).ifPresentOrElse(indicator -> {
            if (standard.defines(indicator)) {
                concentrations.put(indicator, value);
            } else {
                errors.add(error(key, standard.code() + " has no " + key + " column; its indicators are "
                        + standard.columns().keySet().stream().sorted().map(Indicator::key).collect(Collectors.joining(", "))));
            }
        }, () -> errors.add(error(key, "unknown indicator key; known: " + Indicator.allKeys()))));
        if (!errors.isEmpty()) {
            ApiProblem problem = badRequest("The request has " + errors.size() + " invalid concentration key(s).", null);
            problem.getBody().setProperty("errors", errors);
            throw problem;
        }
        return concentrations;
    }

    private static Map<String, String> error(String key, String message) {
        return Map.of("field", "concentrations[" + key + "]", "message", message);
    }

    private static ApiProblem badRequest(String detail, String field) {
        ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", detail);
        if (field != null) {
            problem.getBody().setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        }
        return problem;
    }

    private static List<String> keys(List<Indicator> indicators) {
        return indicators.stream().map(Indicator::key).toList();
    }
}
