package io.lantian.dispatch.list;

import io.lantian.common.events.WarningEvent.WarningLevel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An enterprise on the emergency emission-reduction list (应急减排清单) with its measures per warning level.
 *
 * @param enterpriseId 统一社会信用代码
 * @param grade        performance grade: A+, A, B, B-, C, D, 引领性, 非引领性, 非绩效分级
 * @param exemption    民生保障, 战略性产业, 重点工程, 白名单 — or null
 * @param exemptUpTo   the highest level the exemption covers; null = every level
 */
public record ListedEnterprise(String enterpriseId, String name, String regionId, String township, String industry,
                               String grade, String exemption, WarningLevel exemptUpTo, Emissions baseline,
                               List<Line> lines, Map<WarningLevel, List<Measure>> measures, Contact contact,
                               Delivery delivery) {

    public static final Set<String> GRADES = Set.of("A+", "A", "B", "B-", "C", "D", "引领性", "非引领性", "非绩效分级");
    public static final Set<String> EXEMPTIONS = Set.of("民生保障", "战略性产业", "重点工程", "白名单");

    public ListedEnterprise {
        lines = lines == null ? List.of() : List.copyOf(lines);
        measures = measures == null ? Map.of() : Map.copyOf(measures);
    }

    /** Tonnes per day. */
    public record Emissions(BigDecimal so2, BigDecimal nox, BigDecimal pm, BigDecimal vocs) {

        public static final Emissions NONE = new Emissions(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        public Emissions plus(Emissions other) {
            return other == null ? this : new Emissions(so2.add(orZero(other.so2)), nox.add(orZero(other.nox)),
                    pm.add(orZero(other.pm)), vocs.add(orZero(other.vocs)));
        }

        private static BigDecimal orZero(BigDecimal value) {
            return value == null ? BigDecimal.ZERO : value;
        }
    }

    public record Line(String lineId, String name) {
    }

    /** One measure: on a line (or the whole site), what to do, and what it is expected to save (t/d). */
    public record Measure(String lineId, Action action, Integer limitPercent, String description, Emissions reduction) {
    }

    public enum Action { STOP, LIMIT, VOLUNTARY, CAP, TRUCK_BAN, OTHER }

    public record Contact(String name, String phone) {
    }

    /** PULL: the enterprise polls the API; WEBHOOK: orders are pushed, signed with the listed secrets. */
    public record Delivery(String mode, String webhookUrl, List<String> webhookSecrets) {
    }

    /** Whether the exemption covers a warning of this level. */
    public boolean exemptAt(WarningLevel level) {
        return exemption != null && (exemptUpTo == null || level.compareTo(exemptUpTo) <= 0);
    }

    public List<String> measureTexts(WarningLevel level) {
        return measures.getOrDefault(level, List.of()).stream().map(Measure::description).toList();
    }
}
