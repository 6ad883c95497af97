package io.lantian.ingest.reading;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.ingest.reading.Rejection.Reason;
import io.lantian.ingest.station.Station;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure domain tests: given a registry and a clock, when a reading is validated, then … */
class ReadingValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-29T08:20:00Z");
    static final Station TOWNSHIP = new Station("T1", "会盟镇", StationClass.TOWNSHIP, "mengjin", "会盟镇", 34.8, 112.5,
            EnumSet.allOf(Pollutant.class), true, null, null, null);
    static final Station MICRO = new Station("M1", "微站", StationClass.MICRO, "mengjin", "麻屯镇", 34.7, 112.3,
            Set.of(Pollutant.PM2_5, Pollutant.PM10), true, null, null, null);

    final ReadingValidator validator = new ReadingValidator(
            id -> Optional.ofNullable(switch (id) { case "T1" -> TOWNSHIP; case "M1" -> MICRO; default -> null; }),
            Duration.ofMinutes(5), Duration.ofDays(30));

    ReadingValidator.Outcome validate(String station, String pollutant, Double value, String unit, String periodEnd) {
        return validator.validate(new ReadingSubmission(station, pollutant, value, unit, periodEnd, null, null),
                ReadingAccepted.Source.HTTP, NOW);
    }

    static Reason reasonOf(ReadingValidator.Outcome outcome) {
        assertThat(outcome).isInstanceOf(ReadingValidator.Rejected.class);
        return ((ReadingValidator.Rejected) outcome).rejection().reason();
    }

    @Test
    void aGoodReadingIsAcceptedInItsCanonicalUnitWithItsNaturalKey() {
        var outcome = validate("T1", "co", 1500.0, "μg/m3", "2026-11-29T16:00:00+08:00");

        assertThat(outcome).isInstanceOf(ReadingValidator.Accepted.class);
        ReadingAccepted r = ((ReadingValidator.Accepted) outcome).reading();
        assertThat(r.value()).isEqualTo(1.5);
        assertThat(r.unit()).isEqualTo("mg/m³");
        assertThat(r.periodEnd()).isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));
        assertThat(r.averaging()).isEqualTo(Duration.ofHours(1));
        assertThat(r.readingId()).isEqualTo("T1/CO/2026-11-29T08:00:00Z/PT1H");
        assertThat(r.regionId()).isEqualTo("mengjin");
        assertThat(r.flags()).isEqualTo(List.of());
    }

    @Test
    void aFlagThatIsNotTextIsRejectedAndFlagsAreCarriedOtherwise() {
        ReadingValidator.Outcome nullFlag = validator.validate(new ReadingSubmission("T1", "PM10", 12.0, "µg/m³",
                "2026-11-29T08:00:00Z", null, java.util.Arrays.asList("M", null)), ReadingAccepted.Source.HTTP, NOW);
        assertThat(reasonOf(nullFlag)).isEqualTo(Reason.INVALID_FLAGS);

        ReadingValidator.Outcome flagged = validator.validate(new ReadingSubmission("T1", "PM10", 12.0, "µg/m³",
                "2026-11-29T08:00:00Z", null, List.of("M", "C")), ReadingAccepted.Source.HTTP, NOW);
        assertThat(((ReadingValidator.Accepted) flagged).reading().flags()).containsExactly("M", "C");
    }

    @Test
    void eachProblemHasItsReason() {
        String t = "2026-11-29T08:00:00Z";
        assertThat(reasonOf(validate(null, "PM10", 1.0, "µg/m³", t))).isEqualTo(Reason.MISSING_FIELD);
        assertThat(reasonOf(validate("X", "PM10", 1.0, "µg/m³", t))).isEqualTo(Reason.UNKNOWN_STATION);
        assertThat(reasonOf(validate("T1", "PM1", 1.0, "µg/m³", t))).isEqualTo(Reason.UNKNOWN_POLLUTANT);
        assertThat(reasonOf(validate("M1", "O3", 1.0, "µg/m³", t))).isEqualTo(Reason.POLLUTANT_NOT_MEASURED);
        assertThat(reasonOf(validate("T1", "NO2", 1.0, "ppb", t))).isEqualTo(Reason.UNKNOWN_UNIT);
        assertThat(reasonOf(validate("T1", "NO2", 1.0, "µg/m³", "yesterday"))).isEqualTo(Reason.INVALID_TIMESTAMP);
        assertThat(reasonOf(validate("T1", "NO2", 1.0, "µg/m³", "2026-11-29T08:26:00Z"))).isEqualTo(Reason.IN_FUTURE);
        assertThat(reasonOf(validate("T1", "NO2", 1.0, "µg/m³", "2026-10-01T08:00:00Z"))).isEqualTo(Reason.TOO_OLD);
        assertThat(reasonOf(validate("T1", "NO2", -999.0, "µg/m³", t))).isEqualTo(Reason.SENTINEL);
        assertThat(reasonOf(validate("T1", "NO2", -3.0, "µg/m³", t))).isEqualTo(Reason.NEGATIVE);
        assertThat(reasonOf(validate("T1", "PM2_5", 3.2, "mg/m3", t))).as("3200 µg/m³").isEqualTo(Reason.ABOVE_PHYSICAL_LIMIT);
        assertThat(reasonOf(validator.validate(new ReadingSubmission("T1", "NO2", 1.0, "µg/m³", t, "PT7M", null),
                ReadingAccepted.Source.HTTP, NOW))).isEqualTo(Reason.INVALID_AVERAGING);
    }

    @Test
    void theFutureToleranceAllowsSmallClockSkew() {
        assertThat(validate("T1", "NO2", 1.0, "µg/m³", "2026-11-29T08:24:00Z")).isInstanceOf(ReadingValidator.Accepted.class);
    }
}
