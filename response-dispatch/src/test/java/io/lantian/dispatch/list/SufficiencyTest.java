package io.lantian.dispatch.list;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.dispatch.list.ListedEnterprise.Emissions;
import io.lantian.dispatch.list.ListedEnterprise.Measure;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SufficiencyTest {

    static Emissions e(String so2, String nox, String pm, String vocs) {
        return new Emissions(new BigDecimal(so2), new BigDecimal(nox), new BigDecimal(pm), new BigDecimal(vocs));
    }

    static ListedEnterprise enterprise(String id, Emissions baseline, String exemption, WarningLevel upTo,
                                       Map<WarningLevel, List<Measure>> measures) {
        return new ListedEnterprise(id, id, "r1", null, null, "B", exemption, upTo, baseline, List.of(), measures, null, null);
    }

    @Test
    void comparesExpectedReductionsWithTheRequiredShareAndNamesTheCarriers() {
        ListedEnterprise kiln = enterprise("kiln", e("1", "1", "1", "1"), null, null, Map.of(
                WarningLevel.YELLOW, List.of(new Measure(null, ListedEnterprise.Action.LIMIT, 30, "limit", e("0.15", "0.15", "0.15", "0.15"))),
                WarningLevel.ORANGE, List.of(new Measure(null, ListedEnterprise.Action.STOP, null, "stop", e("0.3", "0.3", "0.3", "0.1")))));
        ListedEnterprise hospitalBoiler = enterprise("boiler", e("1", "1", "1", "1"), "民生保障", WarningLevel.ORANGE, Map.of(
                WarningLevel.ORANGE, List.of(new Measure(null, ListedEnterprise.Action.CAP, null, "cap", e("0.5", "0.5", "0.5", "0.5")))));

        List<Sufficiency.Report> reports = Sufficiency.check(List.of(kiln, hospitalBoiler));

        Sufficiency.Report yellow = reports.stream().filter(r -> r.level() == WarningLevel.YELLOW).findFirst().orElseThrow();
        assertThat(yellow.pollutants().get(0).share()).isEqualByComparingTo("0.075"); // 0.15 of a baseline of 2
        assertThat(yellow.sufficient()).isFalse();

        Sufficiency.Report orange = reports.stream().filter(r -> r.level() == WarningLevel.ORANGE).findFirst().orElseThrow();
        // the boiler's exemption covers orange: its 0.5 does not count; 0.3 of 2 = 15 % < 20 %
        assertThat(orange.pollutants().get(0).share()).isEqualByComparingTo("0.15");
        assertThat(orange.sufficient()).isFalse();
        assertThat(orange.carriers()).extracting(Sufficiency.Carrier::enterpriseId).containsExactly("kiln");

        Sufficiency.Report red = reports.stream().filter(r -> r.level() == WarningLevel.RED).findFirst().orElseThrow();
        assertThat(red.pollutants()).allMatch(p -> p.expectedReduction().signum() == 0);
    }
}
