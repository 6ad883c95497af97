package io.lantian.dispatch.compliance;

import io.lantian.dispatch.compliance.LineVerdict.Result;
import io.lantian.dispatch.compliance.PowerReadingCheck.Checked;
import io.lantian.dispatch.compliance.ReadingRejection.Reason;
import io.lantian.dispatch.list.ListedEnterprise.Action;
import io.lantian.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The compliance rule and the reading checks as plain Java (docs/compliance.md, "Thresholds"). */
class ComplianceRulesTest {

    static final Thresholds DEFAULTS = new Thresholds(0.2, 0.15, Duration.ofHours(24), 4);
    static final LineMeasure STOP = new LineMeasure("L2", Action.STOP, null);
    static final LineMeasure LIMIT_30 = new LineMeasure("L1", Action.LIMIT, 30);
    static final MeteredPower TWO_DAYS_AT_500 = new MeteredPower(48 * 500, 48, 48);

    @Test
    void theExpectedMaximumIsTheBaselineTimesWhatTheMeasureLeavesPlusTheTolerance() {
        assertThat(DEFAULTS.expectedMaxKw(STOP, 200)).isCloseTo(46.0, within(1e-9));
        assertThat(DEFAULTS.expectedMaxKw(LIMIT_30, 500)).isCloseTo(402.5, within(1e-9));
        assertThat(DEFAULTS.expectedMaxKw(new LineMeasure(null, Action.LIMIT, 100), 500)).isZero();
    }

    @Test
    void aLineAboveItsExpectedMaximumIsNonCompliantAndBelowItCompliant() {
        // 1.5 h of 15-minute readings
        assertThat(DEFAULTS.judge(LIMIT_30, TWO_DAYS_AT_500, new MeteredPower(1.5 * 402.6, 1.5, 6)).result())
                .isEqualTo(Result.NON_COMPLIANT);
        LineVerdict justBelow = DEFAULTS.judge(LIMIT_30, TWO_DAYS_AT_500, new MeteredPower(1.5 * 402.4, 1.5, 6));
        assertThat(justBelow.result()).isEqualTo(Result.COMPLIANT);
        assertThat(justBelow.baselineKw()).isEqualTo(500.0);
        assertThat(justBelow.observedKw()).isCloseTo(402.4, within(1e-9));
        assertThat(justBelow.expectedMaxKw()).isCloseTo(402.5, within(1e-9));
        assertThat(justBelow.readingsUsed()).isEqualTo(6);
    }

    @Test
    void missingDataIsNoVerdict() {
        MeteredPower running = new MeteredPower(1000, 1, 4);
        LineVerdict shortBaseline = DEFAULTS.judge(STOP, new MeteredPower(23 * 500, 23, 23), running);
        assertThat(shortBaseline.result()).isEqualTo(Result.INSUFFICIENT_BASELINE);
        assertThat(shortBaseline.expectedMaxKw()).isNull();
        assertThat(DEFAULTS.judge(STOP, MeteredPower.NONE, running).result()).isEqualTo(Result.INSUFFICIENT_BASELINE);
        assertThat(DEFAULTS.judge(STOP, TWO_DAYS_AT_500, new MeteredPower(1000, 0.75, 3)).result()).isEqualTo(Result.NO_DATA);
        LineVerdict silent = DEFAULTS.judge(STOP, TWO_DAYS_AT_500, MeteredPower.NONE);
        assertThat(silent.result()).isEqualTo(Result.NO_DATA);
        assertThat(silent.observedKw()).isNull();
    }

    @Test
    void theStricterOfTwoMeasuresOnALineCountsAndOnlyStopAndLimitAreVerified() {
        assertThat(LIMIT_30.stricter(new LineMeasure("L1", Action.STOP, null), DEFAULTS).action()).isEqualTo(Action.STOP);
        assertThat(new LineMeasure("L1", Action.LIMIT, 90).stricter(STOP, DEFAULTS).limitPercent()).isEqualTo(90);
        assertThat(new LineMeasure(null, Action.STOP, null).lineKey()).isEqualTo(LineMeasure.MAIN_METER);
        assertThatThrownBy(() -> new LineMeasure("L1", Action.TRUCK_BAN, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LineMeasure("L1", Action.LIMIT, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingsAreCheckedFieldByField() {
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        PowerReadingCheck check = new PowerReadingCheck(id -> id.equals("E1") ? Optional.of(Set.of("L1")) : Optional.empty(),
                Duration.ofMinutes(5));
        Checked ok = check.check(new PowerReadingSubmission("E1", null, "2026-11-29T16:04:00+08:00", "PT15M", 12.5, null),
                "gateway", now);
        assertThat(ok.isAccepted()).isTrue();
        assertThat(ok.reading().lineId()).as("no line: the main meter").isNull();
        assertThat(ok.reading().periodEnd()).isEqualTo(Instant.parse("2026-11-29T08:04:00Z"));
        assertThat(ok.reading().source()).isEqualTo("gateway");
        assertThat(check.check(new PowerReadingSubmission("E1", "L1", "2026-11-29T08:00:00Z", "P1D", 0.0, "meter"), "g", now)
                .isAccepted()).isTrue();

        assertThat(reason(check, new PowerReadingSubmission("E1", "L1", "2026-11-29T08:06:00Z", "PT15M", 1.0, null), now))
                .isEqualTo(Reason.IN_FUTURE);
        assertThat(reason(check, new PowerReadingSubmission("E1", "L1", "2026-11-29T08:00:00Z", "PT-15M", 1.0, null), now))
                .isEqualTo(Reason.INVALID_PERIOD);
        assertThat(reason(check, new PowerReadingSubmission("E1", "L1", "2026-11-29T08:00:00Z", "PT0.5S", 1.0, null), now))
                .isEqualTo(Reason.INVALID_PERIOD);
        assertThat(reason(check, new PowerReadingSubmission("E1", "L1", "2026-11-29T08:00:00Z", "PT1H", Double.NaN, null), now))
                .isEqualTo(Reason.INVALID_ENERGY);
        assertThat(reason(check, new PowerReadingSubmission("E1", "L1", "2026-11-29T08:00:00Z", "PT1H",
                Double.POSITIVE_INFINITY, null), now)).isEqualTo(Reason.INVALID_ENERGY);
        assertThat(reason(check, new PowerReadingSubmission("E1", "L1", "2026-11-29 08:00", "PT1H", 1.0, null), now))
                .isEqualTo(Reason.INVALID_TIMESTAMP);
        assertThat(reason(check, new PowerReadingSubmission("E2", null, "2026-11-29T08:00:00Z", "PT1H", 1.0, null), now))
                .isEqualTo(Reason.UNKNOWN_ENTERPRISE);
        assertThat(reason(check, new PowerReadingSubmission(" ", null, "2026-11-29T08:00:00Z", "PT1H", 1.0, null), now))
                .isEqualTo(Reason.MISSING_FIELD);
        assertThat(reason(check, null, now)).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void theComplianceDomainIsFreeOfSpring() {
        ServiceArchitecture.check("io.lantian.dispatch", Thresholds.class, LineMeasure.class, MeteredPower.class,
                LineVerdict.class, PowerReadingCheck.class, PowerReadingSubmission.class, ReadingRejection.class);
    }

    private static Reason reason(PowerReadingCheck check, PowerReadingSubmission submission, Instant now) {
        Checked checked = check.check(submission, "g", now);
        assertThat(checked.isAccepted()).isFalse();
        return checked.rejection().reason();
    }
}
