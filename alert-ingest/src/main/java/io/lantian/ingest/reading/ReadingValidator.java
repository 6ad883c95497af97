package io.lantian.ingest.reading;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.MassConcentration;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.ingest.reading.Rejection.Reason;
import io.lantian.ingest.station.Station;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks every reading passes, whatever path it came by: known station measuring that pollutant, a
 * unit that converts to the canonical one, a plausible value, a timestamp neither in the future nor too old.
 * Plain Java: the clock and the registry are passed in.
 */
public final class ReadingValidator {

    /** Values data loggers write for "no data"; a real concentration is never exactly one of these. */
    static final Set<Double> SENTINELS = Set.of(-999.0, -99.0, -9999.0, 9999.0, 99999.0);

    /** Above these (canonical units) no ambient station measures: the sender is broken or uses another unit. */
    static final Map<Pollutant, Double> PHYSICAL_LIMITS = new EnumMap<>(Map.of(
            Pollutant.PM2_5, 3000.0, Pollutant.PM10, 10000.0, Pollutant.SO2, 10000.0,
            Pollutant.NO2, 5000.0, Pollutant.O3, 2000.0, Pollutant.CO, 150.0));

    static final Set<Duration> AVERAGING_PERIODS = Set.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1));

    /*
     * The texts senders commonly use, each mapped to what parsing it gives (computed here by the same parsing), so
     * a hit gives exactly the result of the slow path below. Validation runs for every reading, and Duration.parse
     * and the pollutant's and unit's normalisation showed up in the ingest profile.
     */
    private static final Map<String, Duration> AVERAGING_BY_TEXT = Stream.of("PT1M", "PT5M", "PT10M", "PT15M", "PT30M",
            "PT1H", "PT60M").collect(Collectors.toUnmodifiableMap(t -> t, Duration::parse));
    private static final Map<String, Pollutant> POLLUTANT_BY_TEXT = Stream.of("PM2_5", "PM2.5", "PM10", "SO2", "NO2",
            "O3", "CO").collect(Collectors.toUnmodifiableMap(t -> t, t -> Pollutant.valueOf(t.replace('.', '_'))));
    private static final Map<String, Optional<MassConcentration>> UNIT_BY_TEXT = Stream.of("µg/m³", "μg/m³", "ug/m3",
            "µg/m3", "mg/m³", "mg/m3").collect(Collectors.toUnmodifiableMap(t -> t, MassConcentration::parse));

    private final Function<String, Optional<Station>> stations;
    private final Duration futureTolerance;
    private final Duration maxAge;

    public ReadingValidator(Function<String, Optional<Station>> stations, Duration futureTolerance, Duration maxAge) {
        this.stations = stations;
        this.futureTolerance = futureTolerance;
        this.maxAge = maxAge;
    }

    public sealed interface Outcome permits Accepted, Rejected {
    }

    public record Accepted(ReadingAccepted reading) implements Outcome {
    }

    public record Rejected(Rejection rejection) implements Outcome {
    }

    public Outcome validate(ReadingSubmission in, ReadingAccepted.Source source, Instant now) {
        if (in == null || in.stationId() == null || in.pollutant() == null || in.value() == null
                || in.unit() == null || in.periodEnd() == null) {
            return reject(Reason.MISSING_FIELD, "stationId, pollutant, value, unit and periodEnd are required");
        }
        if (!textsOnly(in.flags())) {
            return reject(Reason.INVALID_FLAGS, "flags must be an array of strings");
        }
        Optional<Station> station = stations.apply(in.stationId());
        if (station.isEmpty()) {
            return reject(Reason.UNKNOWN_STATION, "station " + in.stationId() + " is not registered");
        }
        Pollutant pollutant;
        try {
            Pollutant known = POLLUTANT_BY_TEXT.get(in.pollutant());
            pollutant = known != null ? known : Pollutant.valueOf(in.pollutant().trim().toUpperCase().replace('.', '_'));
        } catch (IllegalArgumentException e) {
            return reject(Reason.UNKNOWN_POLLUTANT, "unknown pollutant " + in.pollutant());
        }
        if (!station.get().measures(pollutant)) {
            return reject(Reason.POLLUTANT_NOT_MEASURED, "station " + in.stationId() + " does not measure " + pollutant);
        }
        Optional<MassConcentration> unit = UNIT_BY_TEXT.get(in.unit());
        if (unit == null) {
            unit = MassConcentration.parse(in.unit());
        }
        if (unit.isEmpty()) {
            return reject(Reason.UNKNOWN_UNIT, "unit " + in.unit() + " is not a supported mass concentration");
        }
        Instant periodEnd;
        try {
            periodEnd = PeriodEnds.parse(in.periodEnd());
        } catch (DateTimeParseException e) {
            return reject(Reason.INVALID_TIMESTAMP, "periodEnd must be an ISO-8601 time with offset: " + in.periodEnd());
        }
        if (periodEnd.isAfter(now.plus(futureTolerance))) {
            return reject(Reason.IN_FUTURE, "periodEnd " + periodEnd + " lies in the future");
        }
        if (periodEnd.isBefore(now.minus(maxAge))) {
            return reject(Reason.TOO_OLD, "periodEnd " + periodEnd + " is older than " + maxAge);
        }
        Duration averaging;
        try {
            averaging = in.averaging() == null ? Duration.ofHours(1) : AVERAGING_BY_TEXT.get(in.averaging());
            if (averaging == null) {
                averaging = Duration.parse(in.averaging());
            }
        } catch (DateTimeParseException e) {
            return reject(Reason.INVALID_AVERAGING, "averaging must be an ISO-8601 duration such as PT1H");
        }
        if (!AVERAGING_PERIODS.contains(averaging)) {
            return reject(Reason.INVALID_AVERAGING, "averaging " + averaging + " is not one of " + AVERAGING_PERIODS);
        }
        double raw = in.value();
        if (Double.isNaN(raw) || Double.isInfinite(raw)) {
            return reject(Reason.MISSING_FIELD, "value must be a finite number");
        }
        if (SENTINELS.contains(raw)) {
            return reject(Reason.SENTINEL, "value " + raw + " is a no-data marker");
        }
        if (raw < 0) {
            return reject(Reason.NEGATIVE, "value " + raw + " is negative");
        }
        MassConcentration canonical = pollutant.canonicalUnit();
        double value = unit.get().convert(raw, canonical);
        if (value > PHYSICAL_LIMITS.get(pollutant)) {
            return reject(Reason.ABOVE_PHYSICAL_LIMIT, pollutant + " " + value + " " + canonical.symbol()
                    + " is above the physical limit " + PHYSICAL_LIMITS.get(pollutant));
        }
        Station s = station.get();
        return new Accepted(new ReadingAccepted(
                ReadingAccepted.naturalKey(s.stationId(), pollutant, periodEnd, averaging),
                s.stationId(), s.regionId(), pollutant, value, canonical.symbol(), periodEnd, averaging, source,
                in.flags() == null ? List.of() : List.copyOf(in.flags()), now));
    }

    /** Whether every flag is a text; a reader marks a flag that was not one (or flags not an array) as null. */
    private static boolean textsOnly(List<String> flags) {
        if (flags == null) {
            return true;
        }
        for (String flag : flags) {          // not flags.contains(null): immutable lists throw on it
            if (flag == null) {
                return false;
            }
        }
        return true;
    }

    private static Outcome reject(Reason reason, String message) {
        return new Rejected(new Rejection(reason, message));
    }
}
