package io.lantian.dispatch.report;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.dispatch.list.ListedEnterprise;
import io.lantian.dispatch.list.Sufficiency;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Expected against required reduction for one warning, per pollutant, in two figures, both from
 * {@link Sufficiency} (same denominator, same exemption rule, same required shares):
 * <ul>
 *   <li><b>expected</b> — what the measures of every enterprise with an order are expected to cut at the
 *       warning's level: the list's own check, limited to the enterprises that received orders;</li>
 *   <li><b>if honoured</b> — the same, but enterprises that said they cannot comply (current status
 *       CANNOT_COMPLY) or were found non-compliant (a NON_COMPLIANT row in the order's history, at any
 *       revision) count with their baseline and none of their reductions. Everybody else is assumed to carry
 *       out the measures, acknowledged or not yet: it is the best the response can still achieve.</li>
 * </ul>
 * Plain Java.
 */
public final class ReductionCheck {

    /** Why an enterprise's reductions are left out of the "if honoured" figure. */
    public enum WithheldReason { CANNOT_COMPLY, NON_COMPLIANT }

    public record Withheld(String enterpriseId, String name, WithheldReason reason) {
    }

    /**
     * Tonnes per day; shares as fractions of the baseline (0.2 = 20 %). A share is null when the baseline is
     * zero (nothing to cut, which counts as sufficient).
     */
    public record PollutantReduction(String pollutant, BigDecimal baseline, BigDecimal requiredShare,
                                     BigDecimal requiredReduction, BigDecimal expectedReduction,
                                     BigDecimal expectedShare, boolean expectedSufficient,
                                     BigDecimal ifHonouredReduction, BigDecimal ifHonouredShare,
                                     boolean ifHonouredSufficient) {
    }

    /**
     * @param enterprises the enterprises with orders that are on the list in force (their measures are read there)
     * @param notOnList   enterprises with orders that have since left the list: not counted at all
     * @param note        why there are no figures, when there are none
     */
    public record Reduction(WarningLevel level, int enterprises, int notOnList, List<Withheld> withheld,
                            boolean expectedSufficient, boolean ifHonouredSufficient,
                            List<PollutantReduction> pollutants, String note) {
    }

    private ReductionCheck() {
    }

    /**
     * @param ordered  the enterprises that received orders, as the list in force has them
     * @param withheld those of them whose reductions the "if honoured" figure leaves out
     */
    public static Reduction of(WarningLevel level, List<ListedEnterprise> ordered, int notOnList, List<Withheld> withheld) {
        if (!Sufficiency.REQUIRED.containsKey(level)) {
            return new Reduction(level, ordered.size(), notOnList, withheld, true, true, List.of(),
                    "no emission cut is required at " + level);
        }
        Optional<Sufficiency.Report> expected = reportAt(level, ordered);
        if (expected.isEmpty()) {
            return new Reduction(level, 0, notOnList, withheld, false, false, List.of(),
                    "none of the enterprises with orders is on the list in force");
        }
        List<String> withheldIds = withheld.stream().map(Withheld::enterpriseId).toList();
        List<ListedEnterprise> honouring = ordered.stream()
                .map(e -> withheldIds.contains(e.enterpriseId()) ? withoutMeasures(e) : e).toList();
        Sufficiency.Report ifHonoured = reportAt(level, honouring).orElseThrow();
        List<PollutantReduction> pollutants = new ArrayList<>();
        for (int i = 0; i < expected.get().pollutants().size(); i++) {
            Sufficiency.Pollutant all = expected.get().pollutants().get(i);
            Sufficiency.Pollutant kept = ifHonoured.pollutants().get(i);
            pollutants.add(new PollutantReduction(all.pollutant(), all.baseline(), all.required(),
                    all.baseline().multiply(all.required()), all.expectedReduction(), all.share(), all.sufficient(),
                    kept.expectedReduction(), kept.share(), kept.sufficient()));
        }
        return new Reduction(level, ordered.size(), notOnList, withheld, expected.get().sufficient(),
                ifHonoured.sufficient(), pollutants, null);
    }

    private static Optional<Sufficiency.Report> reportAt(WarningLevel level, List<ListedEnterprise> enterprises) {
        // one region per warning, so at most one report per level
        return Sufficiency.check(enterprises).stream().filter(r -> r.level() == level).findFirst();
    }

    /** Counts with its baseline, cuts nothing. */
    private static ListedEnterprise withoutMeasures(ListedEnterprise e) {
        return new ListedEnterprise(e.enterpriseId(), e.name(), e.regionId(), e.township(), e.industry(), e.grade(),
                e.exemption(), e.exemptUpTo(), e.baseline(), e.lines(), Map.of(), e.contact(), e.delivery());
    }
}
