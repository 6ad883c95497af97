package io.lantian.common.aqi;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one report of one standard uses: the columns whose sub-indices count towards the AQI and the rules
 * between columns. A column the standard has but the report does not use gets no sub-index.
 */
public record ReportDefinition(Set<Indicator> columns, List<ColumnRule> rules) {

    public ReportDefinition {
        columns = columns.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(columns));
        rules = List.copyOf(rules);
    }

    public boolean uses(Indicator indicator) {
        return columns.contains(indicator);
    }
}
