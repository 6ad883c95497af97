package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Evidence;
import io.lantian.common.events.StationAlertEvent.HourValue;
import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationAlertEvent.StationValue;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.consult.alert.HourVerdict.Condition;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static io.lantian.consult.alert.AlertTestData.hour;
import static io.lantian.consult.alert.AlertTestData.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each rule's verdict on one hour, from the values around it (plain Java, no Spring). */
class AlertRulesTest {

    final StationAlertEvaluator evaluator = new StationAlertEvaluator(AlertTestData.settings());

    /** The verdict with its evidence; every test also checks that the evidence-free condition agrees with it. */
    HourVerdict verdict(Rule rule, Pollutant pollutant, String station, int hour, RegionValues values) {
        AlertKey key = new AlertKey(station, rule, pollutant);
        HourVerdict verdict = evaluator.verdict(key, hour(hour), values);
        assertThat(evaluator.condition(key, hour(hour), values)).as("condition without evidence").isEqualTo(verdict.condition());
        return verdict;
    }

    // --- Threshold ---

    @Test
    void aValueAboveThePollutantsThresholdIsAboveWithTheThresholdAsEvidence() {
        // given a township station at 212 µg/m³ PM2.5 (threshold 150)
        RegionValues values = values(Pollutant.PM2_5).stationOfClass("S", StationClass.TOWNSHIP, 212.0).build();

        // when
        HourVerdict verdict = verdict(Rule.THRESHOLD, Pollutant.PM2_5, "S", 1, values);

        // then
        assertThat(verdict.condition()).isEqualTo(Condition.ABOVE);
        Evidence evidence = verdict.evidence();
        assertThat(evidence.value()).isEqualTo(212.0);
        assertThat(evidence.limit()).isEqualTo(150.0);
        assertThat(evidence.threshold()).isEqualTo(150.0);
        assertThat(evidence.unit()).isEqualTo("µg/m³");
        assertThat(evidence.basis()).isEqualTo("PM2_5 212 µg/m³ > 150 µg/m³ (hourly threshold for TOWNSHIP stations)");
    }

    @Test
    void theThresholdIsStrictAndAValueJustBelowItIsInTheDeadBandNotClear() {
        RegionValues values = values(Pollutant.PM2_5).station("AT", 150.0).station("BELOW", 140.0).station("CLEAR", 135.0).build();

        assertThat(verdict(Rule.THRESHOLD, Pollutant.PM2_5, "AT", 1, values).condition()).isEqualTo(Condition.BETWEEN);
        assertThat(verdict(Rule.THRESHOLD, Pollutant.PM2_5, "BELOW", 1, values).condition()).isEqualTo(Condition.BETWEEN);
        assertThat(verdict(Rule.THRESHOLD, Pollutant.PM2_5, "CLEAR", 1, values).condition())
                .as("0.9 × 150 = 135 is clear").isEqualTo(Condition.CLEAR);
    }

    @Test
    void aStationClassWithItsOwnThresholdUsesItAndAStationOfUnknownClassTheDefault() {
        RegionValues values = values(Pollutant.PM2_5).stationOfClass("MICRO-1", StationClass.MICRO, 212.0).station("NEW", 212.0).build();

        HourVerdict micro = verdict(Rule.THRESHOLD, Pollutant.PM2_5, "MICRO-1", 1, values);
        HourVerdict unknown = verdict(Rule.THRESHOLD, Pollutant.PM2_5, "NEW", 1, values);

        assertThat(micro.condition()).isEqualTo(Condition.CLEAR);
        assertThat(micro.evidence().threshold()).isEqualTo(250.0);
        assertThat(unknown.condition()).isEqualTo(Condition.ABOVE);
        assertThat(unknown.evidence().basis()).contains("stations of unknown class");
    }

    @Test
    void aValueAboveTheThresholdOfAnyClassIsSeenAsPossiblyAlertingWhateverItsStation() {
        // PM2.5: default 150, micro stations 250; PM10: default 350; SO2: no threshold at all
        AlertSettings.Thresholds thresholds = AlertTestData.settings().thresholds();

        assertThat(thresholds.aboveAny(Pollutant.PM2_5, 150.1)).isTrue();
        assertThat(thresholds.aboveAny(Pollutant.PM2_5, 150.0)).as("strict, as the rule").isFalse();
        assertThat(thresholds.aboveAny(Pollutant.PM10, 351)).isTrue();
        assertThat(thresholds.aboveAny(Pollutant.PM10, 349)).isFalse();
        assertThat(thresholds.aboveAny(Pollutant.SO2, 5000)).isFalse();
        // a pollutant only a class has a threshold for
        AlertSettings.Thresholds classOnly = new AlertSettings.Thresholds(Map.of(),
                Map.of(StationClass.MICRO, Map.of(Pollutant.NO2, 300.0)));
        assertThat(classOnly.aboveAny(Pollutant.NO2, 301)).isTrue();
        assertThat(classOnly.aboveAny(Pollutant.NO2, 299)).isFalse();
    }

    @Test
    void aPollutantWithoutAThresholdAndAnHourWithoutAValueAreNotJudged() {
        RegionValues so2 = values(Pollutant.SO2).station("S", 5000.0).build();
        RegionValues pm = values(Pollutant.PM2_5).station("S", null, 300.0).build();

        assertThat(verdict(Rule.THRESHOLD, Pollutant.SO2, "S", 1, so2)).isEqualTo(HourVerdict.UNKNOWN);
        assertThat(verdict(Rule.THRESHOLD, Pollutant.PM2_5, "S", 1, pm)).isEqualTo(HourVerdict.UNKNOWN);
    }

    // --- SuddenRise ---

    @Test
    void anHourTwiceAndFiftyAboveTheMeanOfTheThreeBeforeItIsAboveWithTheBaselineAsEvidence() {
        // given 40, 50, 60 and then 130 µg/m³: mean 50, limit max(2 × 50, 50 + 50) = 100
        RegionValues values = values(Pollutant.PM2_5).station("S", 40.0, 50.0, 60.0, 130.0).build();

        // when
        HourVerdict verdict = verdict(Rule.SUDDEN_RISE, Pollutant.PM2_5, "S", 4, values);

        // then
        assertThat(verdict.condition()).isEqualTo(Condition.ABOVE);
        assertThat(verdict.evidence().baseline()).isEqualTo(50.0);
        assertThat(verdict.evidence().limit()).isEqualTo(100.0);
        assertThat(verdict.evidence().previousHours()).containsExactly(
                new HourValue(hour(3), 60.0), new HourValue(hour(2), 50.0), new HourValue(hour(1), 40.0));
        assertThat(verdict.evidence().basis()).contains("over the 3-h mean 50");
    }

    @Test
    void bothTheRatioAndTheIncreaseAreNeeded() {
        // clean air tripling (10 → 30) is no incident; nor is +60 on a dirty 200 (×1.3)
        RegionValues values = values(Pollutant.PM2_5).station("CLEAN", 10.0, 10.0, 10.0, 30.0)
                .station("DIRTY", 200.0, 200.0, 200.0, 260.0).build();

        assertThat(verdict(Rule.SUDDEN_RISE, Pollutant.PM2_5, "CLEAN", 4, values).evidence().limit()).isEqualTo(60.0);
        assertThat(verdict(Rule.SUDDEN_RISE, Pollutant.PM2_5, "CLEAN", 4, values).condition()).isEqualTo(Condition.CLEAR);
        assertThat(verdict(Rule.SUDDEN_RISE, Pollutant.PM2_5, "DIRTY", 4, values).evidence().limit()).isEqualTo(400.0);
        assertThat(verdict(Rule.SUDDEN_RISE, Pollutant.PM2_5, "DIRTY", 4, values).condition()).isEqualTo(Condition.CLEAR);
    }

    @Test
    void twoOfTheThreePreviousHoursMakeABaselineOneDoesNot() {
        RegionValues two = values(Pollutant.PM2_5).station("S", 40.0, null, 60.0, 200.0).build();
        RegionValues one = values(Pollutant.PM2_5).station("S", null, null, 60.0, 200.0).build();

        assertThat(verdict(Rule.SUDDEN_RISE, Pollutant.PM2_5, "S", 4, two).evidence().baseline()).isEqualTo(50.0);
        assertThat(verdict(Rule.SUDDEN_RISE, Pollutant.PM2_5, "S", 4, one)).isEqualTo(HourVerdict.UNKNOWN);
    }

    @Test
    void ozoneIsNotJudgedForRises() {
        RegionValues values = values(Pollutant.O3).station("S", 40.0, 50.0, 60.0, 300.0).build();

        assertThat(verdict(Rule.SUDDEN_RISE, Pollutant.O3, "S", 4, values)).isEqualTo(HourVerdict.UNKNOWN);
    }

    // --- RegionMedian ---

    @Test
    void aStationFarAboveTheMedianOfItsNeighboursIsAboveWithTheNeighboursAsEvidence() {
        // given SO2 at 150 where three other stations read 20, 25, 30: median 25, limit max(2 × 25, 25 + 50) = 75
        RegionValues values = values(Pollutant.SO2).station("A", 150.0).station("N1", 20.0).station("N2", 30.0)
                .station("N3", 25.0).build();

        // when
        HourVerdict verdict = verdict(Rule.ABOVE_REGION_MEDIAN, Pollutant.SO2, "A", 1, values);

        // then
        assertThat(verdict.condition()).isEqualTo(Condition.ABOVE);
        assertThat(verdict.evidence().regionMedian()).isEqualTo(25.0);
        assertThat(verdict.evidence().limit()).isEqualTo(75.0);
        assertThat(verdict.evidence().neighbours()).containsExactly(
                new StationValue("N1", 20.0), new StationValue("N2", 30.0), new StationValue("N3", 25.0));
    }

    @Test
    void theMedianIsNotLiftedByOneOtherHighStation() {
        // a mean of 20, 25, 30, 500 would be 144; the median is 27.5
        RegionValues values = values(Pollutant.SO2).station("A", 150.0).station("N1", 20.0).station("N2", 30.0)
                .station("N3", 25.0).station("N4", 500.0).build();

        HourVerdict verdict = verdict(Rule.ABOVE_REGION_MEDIAN, Pollutant.SO2, "A", 1, values);

        assertThat(verdict.evidence().regionMedian()).isCloseTo(27.5, within(1e-9));
        assertThat(verdict.condition()).isEqualTo(Condition.ABOVE);
    }

    @Test
    void boundaryStationsAreLeftOutOfTheMedianAndTooFewNeighboursJudgeNothing() {
        RegionValues values = values(Pollutant.SO2).station("A", 150.0).station("N1", 20.0).station("N2", 30.0)
                .stationOfClass("B1", StationClass.ENTERPRISE_BOUNDARY, 400.0).build();

        HourVerdict verdict = verdict(Rule.ABOVE_REGION_MEDIAN, Pollutant.SO2, "A", 1, values);

        assertThat(verdict).as("two ambient neighbours are fewer than 3").isEqualTo(HourVerdict.UNKNOWN);
    }

    @Test
    void theBoundaryStationItselfIsJudgedAgainstTheAmbientStations() {
        RegionValues values = values(Pollutant.SO2).stationOfClass("B1", StationClass.ENTERPRISE_BOUNDARY, 400.0)
                .station("N1", 20.0).station("N2", 30.0).station("N3", 25.0).build();

        HourVerdict verdict = verdict(Rule.ABOVE_REGION_MEDIAN, Pollutant.SO2, "B1", 1, values);

        assertThat(verdict.condition()).isEqualTo(Condition.ABOVE);
        assertThat(verdict.evidence().neighbours()).extracting(StationValue::stationId).containsExactly("N1", "N2", "N3");
    }

    @Test
    void aPollutantWithoutAnExcessSettingIsNotJudged() {
        RegionValues values = values(Pollutant.O3).station("A", 400.0).station("N1", 20.0).station("N2", 30.0)
                .station("N3", 25.0).build();

        assertThat(verdict(Rule.ABOVE_REGION_MEDIAN, Pollutant.O3, "A", 1, values)).isEqualTo(HourVerdict.UNKNOWN);
    }

    @Test
    void medianOfAnEvenNumberOfValuesIsTheMeanOfTheMiddleTwo() {
        assertThat(RegionMedianRule.median(new double[]{1, 2, 3, 10})).isEqualTo(2.5);
        assertThat(RegionMedianRule.median(new double[]{1, 2, 10})).isEqualTo(2.0);
    }

    // --- Conditions without evidence ---

    @Test
    void theConditionWithoutEvidenceIsTheVerdictsConditionForEveryRuleStationAndHour() {
        // given random regions: values near every limit, hours missing, classes with and without own settings
        Random random = new Random(20261129);
        StationClass[] classes = {null, StationClass.TOWNSHIP, StationClass.MICRO, StationClass.ENTERPRISE_BOUNDARY};
        for (int round = 0; round < 200; round++) {
            Pollutant pollutant = round % 2 == 0 ? Pollutant.PM2_5 : Pollutant.SO2;
            AlertTestData.Values builder = values(pollutant);
            int stations = 1 + random.nextInt(8);
            for (int s = 0; s < stations; s++) {
                Double[] series = new Double[6];
                for (int h = 0; h < series.length; h++) {
                    series[h] = random.nextInt(5) == 0 ? null : (double) random.nextInt(400) / (1 + random.nextInt(3));
                }
                StationClass stationClass = classes[random.nextInt(classes.length)];
                if (stationClass == null) {
                    builder.station("S" + s, series);
                } else {
                    builder.stationOfClass("S" + s, stationClass, series);
                }
            }
            RegionValues values = builder.build();

            // then every rule agrees with itself, with and without evidence
            for (int s = 0; s < stations; s++) {
                for (Rule rule : Rule.values()) {
                    for (int h = 1; h <= 6; h++) {
                        verdict(rule, pollutant, "S" + s, h, values);
                    }
                }
            }
        }
    }
}
