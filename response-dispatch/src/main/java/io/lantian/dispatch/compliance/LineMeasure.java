package io.lantian.dispatch.compliance;

import io.lantian.dispatch.list.ListedEnterprise.Action;

/**
 * What an order asks of one line: the strictest STOP or LIMIT measure of the order's level for it.
 *
 * @param lineId       the production line; null for a measure on the whole site, verified on the main meter
 * @param limitPercent LIMIT only: the share of output to cut
 */
public record LineMeasure(String lineId, Action action, Integer limitPercent) {

    /** The key of the line's readings: the line id, or '' for the main meter. */
    public static final String MAIN_METER = "";

    public LineMeasure {
        if (action != Action.STOP && action != Action.LIMIT) {
            throw new IllegalArgumentException("only STOP and LIMIT measures are verified: " + action);
        }
        if (action == Action.LIMIT && (limitPercent == null || limitPercent < 0 || limitPercent > 100)) {
            throw new IllegalArgumentException("a LIMIT measure needs a limit percent in 0 … 100");
        }
    }

    public String lineKey() {
        return lineId == null ? MAIN_METER : lineId;
    }

    /** For people and dedup keys: the line id, or "main" for the main meter. */
    public String lineLabel() {
        return lineId == null ? "main" : lineId;
    }

    /** Of two measures on the same line, the one that leaves it less power. */
    public LineMeasure stricter(LineMeasure other, Thresholds thresholds) {
        return thresholds.expectedShare(other) < thresholds.expectedShare(this) ? other : this;
    }

    public String describe() {
        return action == Action.STOP ? "STOP" : "LIMIT " + limitPercent + " %";
    }
}
