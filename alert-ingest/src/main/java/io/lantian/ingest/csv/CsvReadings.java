package io.lantian.ingest.csv;

import io.lantian.common.csv.CsvLine;

import io.lantian.common.pollutant.Pollutant;
import io.lantian.ingest.reading.RawReading;
import io.lantian.ingest.reading.ReadingSubmission;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a CNEMC-style hourly export: one row per station and hour, the six pollutants as columns.
 * <pre>
 * stationId,periodEnd,PM2.5,PM10,SO2,NO2,O3,CO
 * MJ-T-HM,2026-11-29 16:00,153,201,12,48,20,1.4
 * </pre>
 * Column names are matched loosely ({@code PM2.5}, {@code PM2_5}, {@code pm25}; {@code station}/{@code stationId};
 * {@code time}/{@code periodEnd}/{@code datetime}). A time without offset is Beijing time, and — as CNEMC
 * labels hours — the END of the hour (the 16:00 value is the mean of 15:00–16:00). Values are in the
 * canonical units (µg/m³; CO mg/m³); an empty cell or {@code -}/{@code —} means "not measured". Plain
 * Java: the controller feeds it line by line.
 */
public final class CsvReadings {

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");

    private final int stationColumn;
    private final int timeColumn;
    private final Map<Pollutant, Integer> pollutantColumns;

    private CsvReadings(int stationColumn, int timeColumn, Map<Pollutant, Integer> pollutantColumns) {
        this.stationColumn = stationColumn;
        this.timeColumn = timeColumn;
        this.pollutantColumns = pollutantColumns;
    }

    /** @throws IllegalArgumentException when the header lacks the station, time or every pollutant column */
    public static CsvReadings fromHeader(String headerLine) {
        List<String> header = CsvLine.split(headerLine.replace("\uFEFF", ""));
        int station = -1;
        int time = -1;
        Map<Pollutant, Integer> pollutants = new EnumMap<>(Pollutant.class);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).toLowerCase(Locale.ROOT).replaceAll("[\\s._-]", "");
            switch (name) {
                case "station", "stationid", "stationcode" -> station = i;
                case "time", "periodend", "datetime", "timepoint" -> time = i;
                default -> {
                    int column = i;
                    pollutant(name).ifPresent(p -> pollutants.put(p, column));
                }
            }
        }
        if (station < 0 || time < 0 || pollutants.isEmpty()) {
            throw new IllegalArgumentException("the header needs a station column, a time column and at least one of "
                    + "PM2.5, PM10, SO2, NO2, O3, CO; found " + header);
        }
        return new CsvReadings(station, time, pollutants);
    }

    private static Optional<Pollutant> pollutant(String normalisedName) {
        return switch (normalisedName) {
            case "pm25" -> Optional.of(Pollutant.PM2_5);
            case "pm10" -> Optional.of(Pollutant.PM10);
            case "so2" -> Optional.of(Pollutant.SO2);
            case "no2" -> Optional.of(Pollutant.NO2);
            case "o3" -> Optional.of(Pollutant.O3);
            case "co" -> Optional.of(Pollutant.CO);
            default -> Optional.empty();
        };
    }

    /**
     * The readings of one data line: one per pollutant with a value. A line that cannot be split still
     * yields one reading, without fields, so its rejection keeps the raw line.
     */
    public List<RawReading> readings(String line) {
        List<String> fields;
        try {
            fields = CsvLine.split(line);
        } catch (IllegalArgumentException e) {
            return List.of(new RawReading(null, line));
        }
        String station = field(fields, stationColumn);
        String periodEnd = periodEnd(field(fields, timeColumn));
        List<RawReading> readings = new ArrayList<>();
        for (Map.Entry<Pollutant, Integer> column : pollutantColumns.entrySet()) {
            String cell = field(fields, column.getValue());
            if (cell == null || cell.isEmpty() || cell.equals("-") || cell.equals("—")) {
                continue;
            }
            Double value;
            try {
                value = Double.valueOf(cell);
            } catch (NumberFormatException e) {
                value = null; // rejected as a missing value, with the line kept
            }
            Pollutant pollutant = column.getKey();
            readings.add(new RawReading(new ReadingSubmission(station, pollutant.name(), value,
                    pollutant.canonicalUnit().symbol(), periodEnd, "PT1H", List.of()), line));
        }
        if (readings.isEmpty()) {
            readings.add(new RawReading(new ReadingSubmission(station, null, null, null, periodEnd, "PT1H", List.of()), line));
        }
        return readings;
    }

    private static String field(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index) : null;
    }

    /** ISO-8601 with offset as is; a local date-time as Beijing time. Anything else is passed on to be rejected. */
    static String periodEnd(String time) {
        if (time == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(time, LOCAL).atOffset(BEIJING).toString();
        } catch (DateTimeParseException e) {
            return time;
        }
    }
}
