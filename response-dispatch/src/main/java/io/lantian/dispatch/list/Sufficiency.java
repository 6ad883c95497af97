package io.lantian.dispatch.list;

import io.lantian.common.events.WarningEvent.WarningLevel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Does the list cut enough? Per region and level: the expected reduction of the measures against the required
 * share of the listed enterprises' baseline emissions (yellow ≥ 10 %, orange ≥ 20 %, red ≥ 30 % for SO2, NOx,
 * PM and VOCs each; domain.md §2.4), and which enterprises carry it. Exempt enterprises count with their
 * baseline but none of their reductions at the levels their exemption covers. Plain Java.
 *
 * <p>The plans state the cut as a share of the city's total emissions; the list knows only its enterprises,
 * so their baseline is the denominator here — the check is as good as the list's coverage.
 */
public final class Sufficiency {

    public static final Map<WarningLevel, BigDecimal> REQUIRED = Map.of(
            WarningLevel.YELLOW, new BigDecimal("0.10"), WarningLevel.ORANGE, new BigDecimal("0.20"),
            WarningLevel.RED, new BigDecimal("0.30"));

    public record Pollutant(String pollutant, BigDecimal baseline, BigDecimal expectedReduction, BigDecimal share,
                            BigDecimal required, boolean sufficient) {
    }

    public record Carrier(String enterpriseId, String name, BigDecimal reductionSo2, BigDecimal reductionNox,
                          BigDecimal reductionPm, BigDecimal reductionVocs) {
    }

    public record Report(String regionId, WarningLevel level, boolean sufficient, List<Pollutant> pollutants,
                         List<Carrier> carriers) {
    }

    private Sufficiency() {
    }

    public static List<Report> check(List<ListedEnterprise> enterprises) {
        Map<String, List<ListedEnterprise>> byRegion = enterprises.stream()
                .collect(Collectors.groupingBy(ListedEnterprise::regionId, TreeMap::new, Collectors.toList()));
        List<Report> reports = new ArrayList<>();
        byRegion.forEach((region, members) -> {
            ListedEnterprise.Emissions baseline = members.stream().map(ListedEnterprise::baseline)
                    .reduce(ListedEnterprise.Emissions.NONE, ListedEnterprise.Emissions::plus);
            for (WarningLevel level : List.of(WarningLevel.YELLOW, WarningLevel.ORANGE, WarningLevel.RED)) {
                List<Carrier> carriers = new ArrayList<>();
                ListedEnterprise.Emissions total = ListedEnterprise.Emissions.NONE;
                for (ListedEnterprise e : members) {
                    if (e.exemptAt(level)) {
                        continue;
                    }
                    ListedEnterprise.Emissions r = e.measures().getOrDefault(level, List.of()).stream()
                            .map(ListedEnterprise.Measure::reduction)
                            .reduce(ListedEnterprise.Emissions.NONE, ListedEnterprise.Emissions::plus);
                    total = total.plus(r);
                    carriers.add(new Carrier(e.enterpriseId(), e.name(), r.so2(), r.nox(), r.pm(), r.vocs()));
                }
                carriers.sort(Comparator.comparing((Carrier c) -> c.reductionSo2().add(c.reductionNox())
                        .add(c.reductionPm()).add(c.reductionVocs())).reversed());
                BigDecimal required = REQUIRED.get(level);
                List<Pollutant> pollutants = List.of(
                        pollutant("SO2", baseline.so2(), total.so2(), required),
                        pollutant("NOx", baseline.nox(), total.nox(), required),
                        pollutant("PM", baseline.pm(), total.pm(), required),
                        pollutant("VOCs", baseline.vocs(), total.vocs(), required));
                reports.add(new Report(region, level, pollutants.stream().allMatch(Pollutant::sufficient), pollutants, carriers));
            }
        });
        return reports;
    }

    private static Pollutant pollutant(String name, BigDecimal baseline, BigDecimal reduction, BigDecimal required) {
        if (baseline.signum() == 0) {
            return new Pollutant(name, baseline, reduction, null, required, true); // nothing emitted, nothing to cut
        }
        BigDecimal share = reduction.divide(baseline, 4, RoundingMode.HALF_UP);
        return new Pollutant(name, baseline, reduction, share, required, share.compareTo(required) >= 0);
    }
}
