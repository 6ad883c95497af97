package io.lantian.common.aqi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One column of a breakpoint table: the segments that map a concentration range onto an index range, what
 * the standard says above the last breakpoint and below the first, and — for the US EPA AQI — the precision
 * a concentration is truncated to before the lookup.
 *
 * <p>Chinese columns are contiguous (a node ends one segment and starts the next); EPA columns have gaps of
 * one unit of the truncation precision (9.0 | 9.1), which truncation makes unreachable.
 *
 * @param unit       the unit the concentration must be in (µg/m³, mg/m³, ppm, ppb)
 * @param segments   ascending, non-overlapping
 * @param truncateTo decimals a concentration is truncated to before the lookup (EPA); empty: used as given
 * @param aboveTop   what a concentration above the last breakpoint gets
 * @param belowRule  why there is no sub-index below the first breakpoint; only for columns that start above 0
 */
public record BreakpointColumn(String unit, List<Segment> segments, OptionalInt truncateTo, AboveTop aboveTop,
                               String belowRule) {

    /** Concentrations {@code low … high} (inclusive) map linearly onto sub-indices {@code indexLow … indexHigh}. */
    public record Segment(BigDecimal low, BigDecimal high, int indexLow, int indexHigh) {

        public Segment {
            if (low.compareTo(high) >= 0 || indexLow > indexHigh) {
                throw new IllegalArgumentException("empty segment " + low + "–" + high);
            }
        }

        boolean contains(BigDecimal c) {
            return c.compareTo(low) >= 0 && c.compareTo(high) <= 0;
        }

        /**
         * The sub-index of a concentration inside the segment, {@code I_lo + (I_hi − I_lo)(C − BP_lo)/(BP_hi − BP_lo)}
         * rounded once, exactly: the quotient is a BigDecimal division rounded at scale 0 in one step, so a
         * result that is mathematically an integer is never pushed to the next one by binary fractions.
         */
        int index(BigDecimal c, RoundingMode rounding) {
            BigDecimal rise = BigDecimal.valueOf((long) indexHigh - indexLow).multiply(c.subtract(low));
            return indexLow + rise.divide(high.subtract(low), 0, rounding).intValueExact();
        }
    }

    /** What the standard says about a concentration above the column's last breakpoint. */
    public record AboveTop(Kind kind, String rule) {

        public enum Kind {
            /** the index itself ends here (500): the sub-index is reported as the top of the index */
            END_OF_INDEX,
            /** the standard computes no sub-index from this column (HJ 633-2012 表1 notes 2 and 3; EPA O3 8-h) */
            NOT_COMPUTED,
            /** the sub-index stays at the column's last node (HJ 633—2026 SO2 1-h → 200, O3 8-h → 300; EPA SO2 1-h) */
            HOLD_TOP
        }

        public AboveTop {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(rule, "rule");
        }

        public static AboveTop endOfIndex() {
            return new AboveTop(Kind.END_OF_INDEX, "above the last breakpoint: reported as the top of the index;"
                    + " the standard defines nothing higher");
        }

        public static AboveTop notComputed(String rule) {
            return new AboveTop(Kind.NOT_COMPUTED, rule);
        }

        public static AboveTop holdTop(String rule) {
            return new AboveTop(Kind.HOLD_TOP, rule);
        }
    }

    public BreakpointColumn {
        Objects.requireNonNull(unit, "unit");
        segments = List.copyOf(segments);
        Objects.requireNonNull(truncateTo, "truncateTo");
        Objects.requireNonNull(aboveTop, "aboveTop");
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a column needs segments");
        }
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).low().compareTo(segments.get(i - 1).high()) < 0) {
                throw new IllegalArgumentException("segments overlap at " + segments.get(i).low());
            }
        }
        if (segments.get(0).low().signum() > 0 && belowRule == null) {
            throw new IllegalArgumentException("a column that starts above 0 must say why there is no sub-index below");
        }
    }

    /**
     * A Chinese column: concentration nodes for the index nodes (0, 50, 100, 150, 200, 300, 400, 500), used as
     * given (no truncation). A column with fewer nodes than the index stops early (SO2 1-h, O3 8-h).
     */
    static BreakpointColumn ofNodes(String unit, List<Integer> indexNodes, List<String> concentrationNodes,
                                    AboveTop aboveTop) {
        if (concentrationNodes.size() > indexNodes.size() || concentrationNodes.size() < 2) {
            throw new IllegalArgumentException("bad node count " + concentrationNodes);
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 1; i < concentrationNodes.size(); i++) {
            segments.add(new Segment(new BigDecimal(concentrationNodes.get(i - 1)), new BigDecimal(concentrationNodes.get(i)),
                    indexNodes.get(i - 1), indexNodes.get(i)));
        }
        return new BreakpointColumn(unit, segments, OptionalInt.empty(), aboveTop, null);
    }

    public BigDecimal bottom() {
        return segments.get(0).low();
    }

    public BigDecimal top() {
        return segments.get(segments.size() - 1).high();
    }

    /** The concentration as it enters the table: truncated where the standard says so (EPA), else unchanged. */
    public BigDecimal lookedUp(BigDecimal concentration) {
        return truncateTo.isPresent() ? concentration.setScale(truncateTo.getAsInt(), RoundingMode.DOWN) : concentration;
    }

    /** The outcome of one lookup, before any rule between columns applies. */
    record Lookup(BigDecimal lookedUp, OptionalInt index, SubIndex.Status status) {
    }

    Lookup lookup(BigDecimal concentration, RoundingMode rounding) {
        BigDecimal c = lookedUp(concentration);
        if (c.compareTo(bottom()) < 0) {
            return new Lookup(c, OptionalInt.empty(), SubIndex.Status.BELOW_COLUMN);
        }
        for (Segment segment : segments) {
            if (segment.contains(c)) {
                return new Lookup(c, OptionalInt.of(segment.index(c, rounding)), SubIndex.Status.COMPUTED);
            }
        }
        if (c.compareTo(top()) > 0) {
            int topIndex = segments.get(segments.size() - 1).indexHigh();
            return switch (aboveTop.kind()) {
                case END_OF_INDEX -> new Lookup(c, OptionalInt.of(topIndex), SubIndex.Status.BEYOND_INDEX);
                case NOT_COMPUTED -> new Lookup(c, OptionalInt.empty(), SubIndex.Status.ABOVE_COLUMN);
                case HOLD_TOP -> new Lookup(c, OptionalInt.of(topIndex), SubIndex.Status.HELD_AT_COLUMN_TOP);
            };
        }
        // only reachable if a column's gaps are wider than its truncation precision: a data error
        throw new IllegalStateException("concentration " + c + " falls between the segments of a column");
    }
}
