package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationAlertEvent.Status;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.consult.alert.AlertDecision.ChangeStatus;
import io.lantian.consult.alert.AlertDecision.None;
import io.lantian.consult.alert.AlertDecision.Observe;
import io.lantian.consult.alert.AlertDecision.Raise;
import io.lantian.consult.alert.AlertDecision.Resolve;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.lantian.consult.alert.AlertTestData.hour;
import static io.lantian.consult.alert.AlertTestData.values;
import static org.assertj.core.api.Assertions.assertThat;

/** Hysteresis, stable ids, resolution, silences and inhibition, decided hour by hour (plain Java, no Spring). */
class StationAlertEvaluatorTest {

    final StationAlertEvaluator evaluator = new StationAlertEvaluator(AlertTestData.settings());
    final AlertKey pmThreshold = new AlertKey("S", Rule.THRESHOLD, Pollutant.PM2_5);
    final AlertKey pmRise = new AlertKey("S", Rule.SUDDEN_RISE, Pollutant.PM2_5);

    AlertDecision decide(AlertKey key, int hour, RegionValues values, OpenAlert open) {
        return decide(key, hour, values, open, null, List.of(), null);
    }

    AlertDecision decide(AlertKey key, int hour, RegionValues values, OpenAlert open, Instant lastResolved,
                         List<Silence> silences, ActiveWarning warning) {
        return evaluator.decide(key, hour(hour), values, Optional.ofNullable(open), Optional.ofNullable(lastResolved),
                silences, () -> Optional.ofNullable(warning));
    }

    static OpenAlert open(String id, Status status, int raisedHour, int lastHour) {
        return new OpenAlert(id, status, hour(raisedHour), hour(lastHour));
    }

    @Test
    void aThresholdAlertIsRaisedAtTheFirstHourAboveWithAnIdOfStationRulePollutantAndEpisodeStart() {
        // given hour 3 (ending 03:00 UTC) above 150
        RegionValues values = values(Pollutant.PM2_5).station("S", 100.0, 120.0, 212.0).build();

        // when
        AlertDecision decision = decide(pmThreshold, 3, values, null);

        // then
        assertThat(decision).isInstanceOf(Raise.class);
        Raise raise = (Raise) decision;
        assertThat(raise.alertId()).isEqualTo("S:THRESHOLD:PM2_5:20261129T0200Z");
        assertThat(raise.episodeStart()).as("the hour ending 03:00 started at 02:00").isEqualTo(hour(2));
        assertThat(raise.status()).isEqualTo(Status.RAISED);
        assertThat(raise.reason()).isNull();
        assertThat(raise.evidence().value()).isEqualTo(212.0);
    }

    @Test
    void aRiseNeedsTwoConsecutiveHoursAboveSoOneNoisyHourRaisesNothing() {
        // given a spike at hour 4 that falls back at hour 5, and a rise at hour 4 that keeps rising at hour 5
        RegionValues spike = values(Pollutant.PM2_5).station("S", 40.0, 50.0, 60.0, 130.0, 55.0).build();
        RegionValues rise = values(Pollutant.PM2_5).station("S", 40.0, 50.0, 60.0, 130.0, 260.0).build();

        // then the first hour above alone raises nothing
        assertThat(decide(pmRise, 4, spike, null)).isInstanceOf(None.class);
        assertThat(decide(pmRise, 5, spike, null)).isInstanceOf(None.class);
        // and two hours in a row do, the episode starting with the first of them
        Raise raise = (Raise) decide(pmRise, 5, rise, null);
        assertThat(raise.alertId()).isEqualTo("S:SUDDEN_RISE:PM2_5:20261129T0300Z");
        assertThat(raise.evidence().baseline()).as("mean of 50, 60, 130").isEqualTo(80.0);
    }

    @Test
    void aMissingHourBreaksARun() {
        RegionValues gap = values(Pollutant.PM2_5).station("S", 40.0, 50.0, 60.0, null, 300.0, 600.0).build();

        assertThat(decide(pmRise, 5, gap, null)).as("hour 4 is missing").isInstanceOf(None.class);
    }

    @Test
    void reEvaluatingTheHourThatRaisedAnAlertChangesNothing() {
        // given the alert raised at hour 3 is open
        RegionValues values = values(Pollutant.PM2_5).station("S", 100.0, 120.0, 212.0).build();
        OpenAlert open = open("S:THRESHOLD:PM2_5:20261129T0200Z", Status.RAISED, 3, 3);

        // when hour 3 comes again (a re-delivered or corrected reading), or an older hour arrives late
        // then nothing happens: one alert per episode
        assertThat(decide(pmThreshold, 3, values, open)).isInstanceOf(None.class);
        assertThat(decide(pmThreshold, 2, values, open)).isInstanceOf(None.class);
    }

    @Test
    void anOpenAlertResolvesAfterTwoClearHoursAndTheDeadBandCountsForNeither() {
        // 212 raises at hour 1; 140 is between 135 and 150; 100 and 90 are clear
        RegionValues values = values(Pollutant.PM2_5).station("S", 212.0, 140.0, 100.0, 90.0).build();
        OpenAlert open = open("S:THRESHOLD:PM2_5:20261129T0000Z", Status.RAISED, 1, 1);

        assertThat(decide(pmThreshold, 2, values, open)).as("in the dead band: still open").isInstanceOf(Observe.class);
        assertThat(decide(pmThreshold, 3, values, open)).as("one clear hour is not enough").isInstanceOf(Observe.class);
        Resolve resolve = (Resolve) decide(pmThreshold, 4, values, open);
        assertThat(resolve.evidence().value()).isEqualTo(90.0);
    }

    @Test
    void aValueBouncingAroundTheThresholdRaisesOnceAndDoesNotFlap() {
        // 160, 140, 160, 140 …: above, dead band, above, dead band — one alert, never resolved
        RegionValues values = values(Pollutant.PM2_5).station("S", 160.0, 140.0, 160.0, 140.0, 160.0).build();
        OpenAlert open = open("S:THRESHOLD:PM2_5:20261129T0000Z", Status.RAISED, 1, 1);

        for (int hour = 2; hour <= 5; hour++) {
            assertThat(decide(pmThreshold, hour, values, open)).isInstanceOf(Observe.class);
        }
    }

    @Test
    void afterAResolutionTheNextEpisodeStartsOnlyAfterIt() {
        RegionValues values = values(Pollutant.PM2_5).station("S", 212.0, 100.0, 90.0, 300.0).build();

        assertThat(decide(pmThreshold, 1, values, null, hour(3), List.of(), null))
                .as("hour 1 belongs to the episode that resolved at hour 3").isInstanceOf(None.class);
        Raise next = (Raise) decide(pmThreshold, 4, values, null, hour(3), List.of(), null);
        assertThat(next.alertId()).isEqualTo("S:THRESHOLD:PM2_5:20261129T0300Z");
    }

    @Test
    void anAlertRaisedDuringAMaintenanceWindowIsSilencedAndBecomesRaisedWhenTheWindowIsOver() {
        Silence calibration = new Silence(UUID.randomUUID(), "S", hour(0).plus(Duration.ofMinutes(30)), hour(2),
                "analyser calibration", "officer-zhang", hour(0), null, null);
        RegionValues values = values(Pollutant.PM2_5).station("S", 300.0, 300.0, 300.0).build();

        Raise raise = (Raise) decide(pmThreshold, 1, values, null, null, List.of(calibration), null);
        assertThat(raise.status()).isEqualTo(Status.SILENCED);
        assertThat(raise.reason()).contains("analyser calibration").contains("officer-zhang");

        OpenAlert silenced = open(raise.alertId(), Status.SILENCED, 1, 1);
        assertThat(decide(pmThreshold, 2, values, silenced, null, List.of(calibration), null))
                .as("hour 2 (01:00–02:00) is in the window").isInstanceOf(Observe.class);
        ChangeStatus after = (ChangeStatus) decide(pmThreshold, 3, values, silenced, null, List.of(calibration), null);
        assertThat(after.status()).isEqualTo(Status.RAISED);
    }

    @Test
    void aDeletedSilenceEndsAtItsDeletion() {
        Silence ended = new Silence(UUID.randomUUID(), "S", hour(0), hour(10), "calibration", "officer-zhang", hour(0),
                "officer-wang", hour(2).plus(Duration.ofMinutes(10)));

        assertThat(ended.covers(hour(3))).as("02:00–03:00 overlaps the 10 minutes before the deletion").isTrue();
        assertThat(ended.covers(hour(4))).isFalse();
        assertThat(ended.state(hour(1))).isEqualTo(Silence.State.DELETED);
    }

    @Test
    void aWarningForTheSamePollutantSuppressesThresholdAndRiseAlertsButNotARegionMedianAlert() {
        ActiveWarning yellow = new ActiveWarning("w-1", WarningLevel.YELLOW);
        RegionValues pm = values(Pollutant.PM2_5).station("S", 300.0, 310.0).station("N1", 20.0, 20.0)
                .station("N2", 30.0, 30.0).station("N3", 25.0, 25.0).build();

        Raise threshold = (Raise) decide(pmThreshold, 1, pm, null, null, List.of(), yellow);
        Raise local = (Raise) decide(new AlertKey("S", Rule.ABOVE_REGION_MEDIAN, Pollutant.PM2_5), 2, pm, null, null, List.of(), yellow);

        assertThat(threshold.status()).isEqualTo(Status.SUPPRESSED);
        assertThat(threshold.reason()).isEqualTo("region under YELLOW warning w-1");
        assertThat(local.status()).as("a local source is worth a check during an episode too").isEqualTo(Status.RAISED);
    }

    @Test
    void ozoneIsSuppressedOnlyByAHealthAdvisoryAndParticlesOnlyByAColourLevel() {
        RegionValues o3 = values(Pollutant.O3).station("S", 450.0).build();
        RegionValues pm = values(Pollutant.PM2_5).station("S", 300.0).build();
        AlertKey o3Threshold = new AlertKey("S", Rule.THRESHOLD, Pollutant.O3);
        ActiveWarning advisory = new ActiveWarning("w-2", WarningLevel.HEALTH_ADVISORY);
        ActiveWarning orange = new ActiveWarning("w-3", WarningLevel.ORANGE);

        assertThat(((Raise) decide(o3Threshold, 1, o3, null, null, List.of(), advisory)).status()).isEqualTo(Status.SUPPRESSED);
        assertThat(((Raise) decide(o3Threshold, 1, o3, null, null, List.of(), orange)).status()).isEqualTo(Status.RAISED);
        assertThat(((Raise) decide(pmThreshold, 1, pm, null, null, List.of(), advisory)).status()).isEqualTo(Status.RAISED);
        assertThat(((Raise) decide(pmThreshold, 1, pm, null, null, List.of(), orange)).status()).isEqualTo(Status.SUPPRESSED);
    }

    @Test
    void aSilenceWinsOverAWarningAndALiftedWarningRaisesTheSuppressedAlertAgain() {
        Silence silence = new Silence(UUID.randomUUID(), "S", hour(0), hour(1), "flow check", "officer-zhang", hour(0), null, null);
        ActiveWarning red = new ActiveWarning("w-4", WarningLevel.RED);
        RegionValues values = values(Pollutant.PM2_5).station("S", 300.0, 300.0).build();

        assertThat(((Raise) decide(pmThreshold, 1, values, null, null, List.of(silence), red)).status()).isEqualTo(Status.SILENCED);

        OpenAlert suppressed = open("S:THRESHOLD:PM2_5:20261129T0000Z", Status.SUPPRESSED, 1, 1);
        ChangeStatus lifted = (ChangeStatus) decide(pmThreshold, 2, values, suppressed, null, List.of(), null);
        assertThat(lifted.status()).isEqualTo(Status.RAISED);
        assertThat(lifted.reason()).isNull();
    }

    @Test
    void theWarningIsOnlyAskedForWhenAStatusIsDecided() {
        RegionValues quiet = values(Pollutant.PM2_5).station("S", 30.0).build();

        AlertDecision decision = evaluator.decide(pmThreshold, hour(1), quiet, Optional.empty(), Optional.empty(), List.of(),
                () -> {
                    throw new AssertionError("no alert to decide a status for");
                });

        assertThat(decision).isInstanceOf(None.class);
    }

    @Test
    void anIdIsStableAndReadableInAUrlPath() {
        AlertKey key = new AlertKey("MJ-T.CG_1", Rule.ABOVE_REGION_MEDIAN, Pollutant.SO2);

        assertThat(key.alertId(Instant.parse("2026-11-29T07:00:00Z"))).isEqualTo("MJ-T.CG_1:ABOVE_REGION_MEDIAN:SO2:20261129T0700Z")
                .isEqualTo(key.alertId(Instant.parse("2026-11-29T07:00:00Z")));
    }
}
