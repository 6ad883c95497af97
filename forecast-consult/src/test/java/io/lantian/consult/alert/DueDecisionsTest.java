package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.pollutant.Pollutant;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

import static io.lantian.consult.alert.AlertTestData.hour;
import static io.lantian.consult.alert.AlertTestData.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which decisions new values ask for (plain Java): the changed station's station-local rules (the fast lane), its
 * region-median rule, and the other stations' region-median rule only where the median moved them across their limit
 * or dead band (the queued judgements). Settings as shipped:
 * PM2.5 limit max(2 × median, median + 75) over at least 3 others, clear at 0.9 × the limit, runs of 2 hours.
 */
class DueDecisionsTest {

    final DueDecisions due = new DueDecisions(new StationAlertEvaluator(AlertTestData.settings()));

    static Map<String, NavigableSet<Instant>> changed(String station, int... hours) {
        NavigableSet<Instant> set = new TreeSet<>();
        for (int h : hours) {
            set.add(hour(h));
        }
        return Map.of(station, set);
    }

    static AlertKey key(String station, Rule rule) {
        return new AlertKey(station, rule, Pollutant.PM2_5);
    }

    static NavigableSet<Instant> hours(int... hours) {
        NavigableSet<Instant> set = new TreeSet<>();
        for (int h : hours) {
            set.add(hour(h));
        }
        return set;
    }

    @Test
    void aNewValueThatLeavesEveryOtherStationWhereItStoodAsksOnlyForItsOwnStationsDecisions() {
        // given four stations at 20 and a fifth that comes in at 22: the others' median stays 20, limit 95
        RegionValues region = values(Pollutant.PM2_5).station("N1", 20.0).station("N2", 20.0).station("N3", 20.0)
                .station("N4", 20.0).station("A", 22.0).build();

        // when
        Map<AlertKey, NavigableSet<Instant>> own = due.stationLocal(region, changed("A", 1));
        Map<AlertKey, NavigableSet<Instant>> median = due.regionMedian(region, changed("A", 1), Set.of(), key -> false);

        // then
        assertThat(own).containsOnlyKeys(key("A", Rule.THRESHOLD), key("A", Rule.SUDDEN_RISE));
        assertThat(own.get(key("A", Rule.THRESHOLD))).containsExactly(hour(1));
        assertThat(median).containsOnlyKeys(key("A", Rule.ABOVE_REGION_MEDIAN));
    }

    @Test
    void anotherStationIsJudgedAgainWhereTheNewValueMovedTheMedianAcrossItsLimit() {
        // given N1 at 100 over 10, 10, 60 (median 10, limit 85: above); A comes in at 60: median 35, limit 110,
        // N1 now in the dead band (above 99). N2 and N3 (10) and N4 (60) stay clear
        RegionValues region = values(Pollutant.PM2_5).station("N1", 100.0, 100.0).station("N2", 10.0).station("N3", 10.0)
                .station("N4", 60.0).station("A", 60.0).build();

        // when
        Map<AlertKey, NavigableSet<Instant>> keys = due.regionMedian(region, changed("A", 1), Set.of(), key -> false);

        // then N1 at that hour and the next (its run of two reads hour 1)
        assertThat(keys).containsOnlyKeys(key("A", Rule.ABOVE_REGION_MEDIAN), key("N1", Rule.ABOVE_REGION_MEDIAN));
        assertThat(keys.get(key("N1", Rule.ABOVE_REGION_MEDIAN))).containsExactly(hour(1), hour(2));
    }

    @Test
    void theValueThatMakesTheMinimumOfNeighboursJudgesEveryStation() {
        // given three stations: two neighbours each are too few for a median; A is the third
        RegionValues region = values(Pollutant.PM2_5).station("N1", 100.0).station("N2", 10.0).station("N3", 10.0)
                .station("A", 10.0).build();

        Map<AlertKey, NavigableSet<Instant>> keys = due.regionMedian(region, changed("A", 1), Set.of(), key -> false);

        assertThat(keys).containsKeys(key("N1", Rule.ABOVE_REGION_MEDIAN), key("N2", Rule.ABOVE_REGION_MEDIAN),
                key("N3", Rule.ABOVE_REGION_MEDIAN));
    }

    @Test
    void anOpenRegionMedianAlertIsJudgedAgainAtEveryNewValueOfItsHourForItsLatestEvidence() {
        RegionValues region = values(Pollutant.PM2_5).station("N1", 20.0).station("N2", 20.0).station("N3", 20.0)
                .station("N4", 20.0).station("A", 22.0).build();

        Map<AlertKey, NavigableSet<Instant>> keys = due.regionMedian(region, changed("A", 1), Set.of(),
                key -> key.equals(key("N2", Rule.ABOVE_REGION_MEDIAN)));

        assertThat(keys).containsKey(key("N2", Rule.ABOVE_REGION_MEDIAN)).doesNotContainKey(key("N1", Rule.ABOVE_REGION_MEDIAN));
    }

    @Test
    void aCorrectedValueJudgesEveryOtherStationOfItsHourAsItsOldValueIsNotKnown() {
        RegionValues region = values(Pollutant.PM2_5).station("N1", 20.0).station("N2", 20.0).station("N3", 20.0)
                .station("N4", 20.0).station("A", 22.0).build();

        Map<AlertKey, NavigableSet<Instant>> keys = due.regionMedian(region, changed("A", 1), Set.of(hour(1)), key -> false);

        for (String station : new String[]{"N1", "N2", "N3", "N4"}) {
            assertThat(keys.get(key(station, Rule.ABOVE_REGION_MEDIAN))).as(station).containsExactly(hour(1));
        }
    }

    @Test
    void aLateValueJudgesItsStationAgainAtTheLaterHoursThatReadIt() {
        // given A has hours 1 to 7 and hour 2 came late: a decision at hour h reads back to h - 4
        RegionValues region = values(Pollutant.PM2_5).station("A", 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0).build();

        Map<AlertKey, NavigableSet<Instant>> keys = due.stationLocal(region, changed("A", 2));

        assertThat(keys.get(key("A", Rule.SUDDEN_RISE))).isEqualTo(hours(2, 3, 4, 5, 6));
        // the region-median rule reads the station's value of the hour judged only, and its run one hour back
        assertThat(due.regionMedian(region, changed("A", 2), Set.of(), key -> false).get(key("A", Rule.ABOVE_REGION_MEDIAN)))
                .isEqualTo(hours(2, 3));
    }
}
