package io.lantian.dispatch.list;

import io.lantian.common.csv.CsvLine;
import io.lantian.common.events.WarningEvent.WarningLevel;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a reduction list from CSV: one row per measure (an enterprise without measures has one row with
 * the measure columns empty); the enterprise columns are read from its first row. Plain Java.
 * <pre>
 * enterpriseId,name,regionId,township,industry,grade,exemption,exemptUpTo,baselineSO2,baselineNOx,baselinePM,baselineVOCs,level,lineId,lineName,action,limitPercent,description,reductionSO2,reductionNOx,reductionPM,reductionVOCs
 * </pre>
 */
public final class ReductionListCsv {

    public static final List<String> HEADER = List.of("enterpriseId", "name", "regionId", "township", "industry", "grade",
            "exemption", "exemptUpTo", "baselineSO2", "baselineNOx", "baselinePM", "baselineVOCs", "level", "lineId",
            "lineName", "action", "limitPercent", "description", "reductionSO2", "reductionNOx", "reductionPM", "reductionVOCs");

    public record Parsed(ReductionList list, List<Long> lineOfEnterprise, List<ListError> errors) {
    }

    private ReductionListCsv() {
    }

    public static Parsed read(int year, BufferedReader in) throws IOException {
        List<ListError> errors = new ArrayList<>();
        String header = in.readLine();
        if (header == null || !split(header.replace("\uFEFF", "")).equals(HEADER)) {
            errors.add(new ListError(1, "header", "the first line must be " + String.join(",", HEADER)));
            return new Parsed(new ReductionList(year, false, null, List.of()), List.of(), errors);
        }
        Map<String, Builder> enterprises = new LinkedHashMap<>();
        String line;
        long number = 1;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = split(line);
            if (f.size() != HEADER.size()) {
                errors.add(new ListError(number, "row", "expected " + HEADER.size() + " fields, found " + f.size()));
                continue;
            }
            long at = number;
            Builder b = enterprises.computeIfAbsent(f.get(0), id -> new Builder(at, f, errors));
            if (!f.get(12).isEmpty()) {
                b.addMeasure(at, f, errors);
            }
        }
        List<ListedEnterprise> list = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        enterprises.values().forEach(b -> {
            list.add(b.build());
            lines.add(b.firstLine);
        });
        return new Parsed(new ReductionList(year, false, null, list), lines, errors);
    }

    private static List<String> split(String line) {
        return CsvLine.split(line);
    }

    private static final class Builder {
        final long firstLine;
        final List<String> first;
        final ListedEnterprise.Emissions baseline;
        final WarningLevel exemptUpTo;
        final Map<String, ListedEnterprise.Line> lines = new LinkedHashMap<>();
        final Map<WarningLevel, List<ListedEnterprise.Measure>> measures = new EnumMap<>(WarningLevel.class);

        Builder(long line, List<String> f, List<ListError> errors) {
            this.firstLine = line;
            this.first = f;
            this.baseline = emissions(line, f, 8, "baseline", errors);
            this.exemptUpTo = f.get(7).isEmpty() ? null : level(line, f.get(7), "exemptUpTo", errors);
        }

        void addMeasure(long line, List<String> f, List<ListError> errors) {
            WarningLevel level = level(line, f.get(12), "level", errors);
            ListedEnterprise.Action action = null;
            try {
                action = ListedEnterprise.Action.valueOf(f.get(15));
            } catch (IllegalArgumentException e) {
                errors.add(new ListError(line, "action", "one of " + List.of(ListedEnterprise.Action.values())));
            }
            Integer limit = null;
            if (!f.get(16).isEmpty()) {
                try {
                    limit = Integer.valueOf(f.get(16));
                } catch (NumberFormatException e) {
                    errors.add(new ListError(line, "limitPercent", "a whole number"));
                }
            }
            String lineId = f.get(13).isEmpty() ? null : f.get(13);
            if (lineId != null) {
                lines.putIfAbsent(lineId, new ListedEnterprise.Line(lineId, f.get(14).isEmpty() ? lineId : f.get(14)));
            }
            if (level != null) {
                measures.computeIfAbsent(level, l -> new ArrayList<>()).add(new ListedEnterprise.Measure(lineId, action,
                        limit, f.get(17), emissions(line, f, 18, "reduction", errors)));
            }
        }

        ListedEnterprise build() {
            return new ListedEnterprise(first.get(0), first.get(1), first.get(2), first.get(3), first.get(4), first.get(5),
                    first.get(6).isEmpty() ? null : first.get(6), exemptUpTo, baseline, List.copyOf(lines.values()),
                    measures, null, null);
        }

        private static WarningLevel level(long line, String text, String field, List<ListError> errors) {
            try {
                return WarningLevel.valueOf(text);
            } catch (IllegalArgumentException e) {
                errors.add(new ListError(line, field, "YELLOW, ORANGE or RED"));
                return null;
            }
        }

        private static ListedEnterprise.Emissions emissions(long line, List<String> f, int from, String field, List<ListError> errors) {
            BigDecimal[] values = new BigDecimal[4];
            for (int i = 0; i < 4; i++) {
                String text = f.get(from + i);
                try {
                    values[i] = text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
                } catch (NumberFormatException e) {
                    errors.add(new ListError(line, HEADER.get(from + i), "a number (t/d)"));
                    values[i] = BigDecimal.ZERO;
                }
            }
            return new ListedEnterprise.Emissions(values[0], values[1], values[2], values[3]);
        }
    }
}
