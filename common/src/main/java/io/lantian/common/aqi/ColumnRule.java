package io.lantian.common.aqi;

import java.util.Objects;

/** A rule between two columns of one pollutant in one report, as the standards' table notes state them. */
public sealed interface ColumnRule {

    String rule();

    /**
     * {@code substitute} gives the pollutant's sub-index only when {@code primary}'s concentration is above
     * its column: HJ 633-2012 表1 note (2), SO2 1-h above 800 µg/m³ is reported by its 24-h sub-index.
     */
    record Fallback(Indicator primary, Indicator substitute, String rule) implements ColumnRule {

        public Fallback {
            Objects.requireNonNull(primary, "primary");
            Objects.requireNonNull(substitute, "substitute");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * When {@code preferred} has a sub-index, {@code other} has none: the EPA computes AQI ≥ 201 for SO2 from
     * the 24-h mean, which "will always result in a higher AQI value than a 1-hour value would" (TAD 2024).
     */
    record Supersedes(Indicator preferred, Indicator other, String rule) implements ColumnRule {

        public Supersedes {
            Objects.requireNonNull(preferred, "preferred");
            Objects.requireNonNull(other, "other");
            Objects.requireNonNull(rule, "rule");
        }
    }
}
