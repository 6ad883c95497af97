package io.lantian.ingest.station;

import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.MassConcentration;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.csv.CsvLine;
import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The station registry for administrators: list, read, create or replace one station, import many from CSV.
 * HJ 212 passwords are write-only: they are hashed on the way in and never returned.
 */
@RestController
class StationAdminController {

    static final String ID = "[A-Za-z0-9._-]{1,64}";

    /** A station as an administrator writes it; {@code hj212Password} omitted keeps the current one. */
    record StationRequest(@NotBlank @Size(max = 200) String name, @NotNull StationClass stationClass,
                          @NotBlank @Pattern(regexp = ID) String regionId, @Size(max = 100) String township,
                          @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                          @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
                          @NotEmpty Set<Pollutant> pollutants, Boolean demo,
                          @Pattern(regexp = "[0-9A-Za-z]{1,24}") String hj212Mn,
                          @Size(min = 6, max = 32) String hj212Password, Map<Pollutant, String> units) {
    }

    record StationView(String stationId, String name, StationClass stationClass, String regionId, String township,
                       double latitude, double longitude, Set<Pollutant> pollutants, boolean demo, String hj212Mn,
                       boolean hj212PasswordSet, Map<Pollutant, String> units) {

        static StationView of(Station s) {
            Map<Pollutant, String> units = new EnumMap<>(Pollutant.class);
            s.units().forEach((p, u) -> units.put(p, u.symbol()));
            return new StationView(s.stationId(), s.name(), s.stationClass(), s.regionId(), s.township(),
                    s.latitude(), s.longitude(), s.pollutants(), s.demo(), s.hj212Mn(), s.hj212PasswordHash() != null, units);
        }
    }

    record ImportResult(int imported, List<RowError> errors) {
    }

    record RowError(long line, String message) {
    }

    private final StationRegistry registry;

    StationAdminController(StationRegistry registry) {
        this.registry = registry;
    }

    @Operation(summary = "All stations (role admin)")
    @GetMapping("/api/v1/admin/stations")
    List<StationView> all() {
        return registry.all().stream().sorted(java.util.Comparator.comparing(Station::stationId)).map(StationView::of).toList();
    }

    @Operation(summary = "One station (role admin)")
    @GetMapping("/api/v1/admin/stations/{stationId}")
    StationView one(@PathVariable String stationId) {
        return registry.find(stationId).map(StationView::of)
                .orElseThrow(() -> ApiProblem.notFound("no station " + stationId));
    }

    @Operation(summary = "Create or replace a station, and publish it to aq.stations.v1 (role admin)")
    @PutMapping("/api/v1/admin/stations/{stationId}")
    StationView put(@PathVariable String stationId, @Valid @RequestBody StationRequest request) throws Exception {
        if (!stationId.matches(ID)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request",
                    "a station id is 1-64 letters, digits, '.', '_' or '-'");
        }
        Station station = toStation(stationId, request);
        saveAndPublish(List.of(station));
        return StationView.of(station);
    }

    /**
     * CSV with the header {@code stationId,name,stationClass,regionId,township,latitude,longitude,pollutants,hj212Mn,hj212Password}
     * (pollutants separated by {@code |}). Valid rows are saved; each invalid row is reported with its line.
     */
    @Operation(summary = "Import stations from CSV (role admin)")
    @PostMapping(path = "/api/v1/admin/stations:import", consumes = "text/csv")
    ImportResult importCsv(InputStream body) throws Exception {
        List<Station> stations = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String header = in.readLine();
            List<String> expected = List.of("stationId", "name", "stationClass", "regionId", "township", "latitude",
                    "longitude", "pollutants", "hj212Mn", "hj212Password");
            if (header == null || !CsvLine.split(header.replace("\uFEFF", "")).equals(expected)) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request",
                        "the first line must be the header " + String.join(",", expected));
            }
            String line;
            long number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    stations.add(fromCsv(CsvLine.split(line)));
                } catch (RuntimeException e) {
                    errors.add(new RowError(number, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", "unreadable body: " + e.getMessage());
        }
        if (!stations.isEmpty()) {
            saveAndPublish(stations);
        }
        return new ImportResult(stations.size(), errors);
    }

    private void saveAndPublish(List<Station> stations) throws Exception {
        try {
            registry.save(stations).get(30, TimeUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.conflict("duplicate-mn", e.getMessage());
        }
    }

    private Station fromCsv(List<String> f) {
        if (f.size() != 10) {
            throw new IllegalArgumentException("expected 10 fields, found " + f.size());
        }
        if (!f.get(0).matches(ID) || !f.get(3).matches(ID)) {
            throw new IllegalArgumentException("stationId and regionId are 1-64 letters, digits, '.', '_' or '-'");
        }
        if (f.get(1).isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        double lat = Double.parseDouble(f.get(5));
        double lon = Double.parseDouble(f.get(6));
        if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
            throw new IllegalArgumentException("coordinates out of range");
        }
        Set<Pollutant> pollutants = Arrays.stream(f.get(7).split("\\|")).map(String::trim)
                .map(p -> Pollutant.valueOf(p.toUpperCase(Locale.ROOT).replace('.', '_'))).collect(Collectors.toSet());
        StationRequest request = new StationRequest(f.get(1), StationClass.valueOf(f.get(2).toUpperCase(Locale.ROOT)),
                f.get(3), f.get(4), lat, lon, pollutants, false, blankToNull(f.get(8)), blankToNull(f.get(9)), null);
        return toStation(f.get(0), request);
    }

    private Station toStation(String stationId, StationRequest r) {
        String hash = r.hj212Password() != null ? Station.hashPassword(r.hj212Password())
                : registry.find(stationId).map(Station::hj212PasswordHash).orElse(null);
        Map<Pollutant, MassConcentration> units = new EnumMap<>(Pollutant.class);
        if (r.units() != null) {
            r.units().forEach((p, u) -> units.put(p, MassConcentration.parse(u).orElseThrow(() ->
                    new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", "unknown unit " + u + " for " + p))));
        }
        return new Station(stationId, r.name(), r.stationClass(), r.regionId(), r.township(), r.latitude(), r.longitude(),
                r.pollutants(), Boolean.TRUE.equals(r.demo()), r.hj212Mn(), hash, units);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
