package io.lantian.dispatch.list;

import io.lantian.common.events.WarningEvent.WarningLevel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole reduction list before anything is stored: an import is all or nothing. Plain Java.
 * {@code lineOf} maps an enterprise's position to the line it came from (CSV) or its position (JSON).
 */
public final class ReductionListValidator {

    private ReductionListValidator() {
    }

    public static List<ListError> validate(ReductionList list, java.util.function.IntToLongFunction lineOf) {
        List<ListError> errors = new ArrayList<>();
        if (list.year() < 2013 || list.year() > 2100) {
            errors.add(new ListError(0, "year", "a list year between 2013 and 2100"));
        }
        if (list.enterprises().isEmpty()) {
            errors.add(new ListError(0, "enterprises", "the list has no enterprises"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.enterprises().size(); i++) {
            ListedEnterprise e = list.enterprises().get(i);
            long line = lineOf.applyAsLong(i);
            String codeProblem = CreditCode.problem(e.enterpriseId());
            if (codeProblem != null) {
                errors.add(new ListError(line, "enterpriseId", codeProblem));
            } else if (!seen.add(e.enterpriseId())) {
                errors.add(new ListError(line, "enterpriseId", "listed twice"));
            }
            require(errors, line, "name", e.name());
            require(errors, line, "regionId", e.regionId());
            if (e.grade() == null || !ListedEnterprise.GRADES.contains(e.grade())) {
                errors.add(new ListError(line, "grade", "one of " + ListedEnterprise.GRADES));
            }
            if (e.exemption() != null && !ListedEnterprise.EXEMPTIONS.contains(e.exemption())) {
                errors.add(new ListError(line, "exemption", "one of " + ListedEnterprise.EXEMPTIONS + ", or empty"));
            }
            if (e.exemptUpTo() != null && e.exemption() == null) {
                errors.add(new ListError(line, "exemptUpTo", "only with an exemption"));
            }
            emissions(errors, line, "baseline", e.baseline(), true);
            Set<String> lineIds = new HashSet<>();
            e.lines().forEach(l -> {
                if (l.lineId() == null || l.lineId().isBlank() || !lineIds.add(l.lineId())) {
                    errors.add(new ListError(line, "lines", "line ids are required and unique"));
                }
            });
            for (Map.Entry<WarningLevel, List<ListedEnterprise.Measure>> level : e.measures().entrySet()) {
                for (ListedEnterprise.Measure m : level.getValue()) {
                    String field = "measures." + level.getKey();
                    if (m.lineId() != null && !lineIds.contains(m.lineId())) {
                        errors.add(new ListError(line, field, "unknown production line " + m.lineId()));
                    }
                    if (m.action() == null) {
                        errors.add(new ListError(line, field, "an action: " + List.of(ListedEnterprise.Action.values())));
                    }
                    if (m.action() == ListedEnterprise.Action.LIMIT && (m.limitPercent() == null || m.limitPercent() < 1 || m.limitPercent() > 100)) {
                        errors.add(new ListError(line, field, "LIMIT needs limitPercent 1..100"));
                    }
                    require(errors, line, field + ".description", m.description());
                    emissions(errors, line, field + ".reduction", m.reduction(), false);
                }
            }
            if (e.delivery() != null && "WEBHOOK".equals(e.delivery().mode())) {
                if (e.delivery().webhookUrl() == null || !e.delivery().webhookUrl().matches("https?://\\S+")) {
                    errors.add(new ListError(line, "delivery.webhookUrl", "an http(s) URL for WEBHOOK delivery"));
                }
                if (e.delivery().webhookSecrets() == null || e.delivery().webhookSecrets().isEmpty()
                        || !e.delivery().webhookSecrets().stream().allMatch(s -> s != null && s.startsWith("whsec_"))) {
                    errors.add(new ListError(line, "delivery.webhookSecrets", "one or two whsec_… secrets for WEBHOOK delivery"));
                }
            } else if (e.delivery() != null && e.delivery().mode() != null && !"PULL".equals(e.delivery().mode())) {
                errors.add(new ListError(line, "delivery.mode", "PULL or WEBHOOK"));
            }
        }
        return errors;
    }

    private static void require(List<ListError> errors, long line, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new ListError(line, field, "required"));
        }
    }

    private static void emissions(List<ListError> errors, long line, String field, ListedEnterprise.Emissions e, boolean required) {
        if (e == null) {
            if (required) {
                errors.add(new ListError(line, field, "required (SO2, NOx, PM, VOCs in t/d)"));
            }
            return;
        }
        for (BigDecimal value : new BigDecimal[] {e.so2(), e.nox(), e.pm(), e.vocs()}) {
            if (value == null || value.signum() < 0) {
                errors.add(new ListError(line, field, "SO2, NOx, PM and VOCs are each a number ≥ 0 (t/d)"));
                return;
            }
        }
    }
}
