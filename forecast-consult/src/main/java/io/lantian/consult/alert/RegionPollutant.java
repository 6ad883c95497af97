package io.lantian.consult.alert;

import io.lantian.common.pollutant.Pollutant;

import java.util.Comparator;

/** A region and a pollutant: the unit the rules read values of, and that region-median judgements take turns on. */
record RegionPollutant(String region, Pollutant pollutant) implements Comparable<RegionPollutant> {
    // null-safe: a reading without a region must fail where it is stored (and be dead-lettered for that reason)
    private static final Comparator<RegionPollutant> ORDER = Comparator.comparing(RegionPollutant::region,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(RegionPollutant::pollutant,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    @Override
    public int compareTo(RegionPollutant o) {
        return ORDER.compare(this, o);
    }
}
