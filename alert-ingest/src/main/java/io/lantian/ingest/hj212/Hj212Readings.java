package io.lantian.ingest.hj212;

import io.lantian.common.pollutant.Pollutant;
import io.lantian.ingest.reading.RawReading;
import io.lantian.ingest.reading.ReadingSubmission;
import io.lantian.ingest.station.Station;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the pollutant items of a data packet (CN 2011/2051/2061/2031) into readings for the intake, which
 * validates them like readings of any other path.
 *
 * <p>Only the six AQI pollutants become readings; other codes (temperature, wind, NOx …) are skipped. A
 * pollutant item without a usable value, or a packet without a usable DataTime, still becomes a reading, with
 * the missing part left empty: the intake rejects it with its reason and keeps the packet on the rejected
 * topic, so nothing a station sent disappears silently.
 *
 * @param zone           the time of DataTime (Beijing time: HJ 212 does not say, stations use local time)
 * @param minuteInterval the averaging of minute data (MinInterval is the station's setting, not in the packet)
 */
public record Hj212Readings(Hj212Codes codes, ZoneId zone, Duration minuteInterval) {

    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
    /** N14.2 and the like (6.3.3.2.2): optional sign, digits, optional decimals. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d{1,14}(\\.\\d{0,6})?|\\.\\d{1,6})");

    /**
     * @param dataTime the packet's DataTime, or for a part of a split message without one, the DataTime of an
     *                 earlier part ({@code null} when there is none)
     * @param raw      the packet as received: kept with every rejection
     */
    public List<RawReading> readings(Hj212Packet packet, Hj212Command command, Station station, String dataTime, String raw) {
        if (command.kind() != Hj212Command.Kind.DATA) {
            throw new IllegalArgumentException(command + " carries no readings");
        }
        Duration averaging = command.averaging(minuteInterval);
        String periodEnd = periodEnd(dataTime, command, averaging);
        List<RawReading> readings = new ArrayList<>();
        for (Hj212Item item : packet.items()) {
            Optional<Pollutant> pollutant = codes.pollutant(item.code());
            if (pollutant.isEmpty()) {
                continue;
            }
            Double value = item.field(command.valueSuffix()).map(Hj212Readings::number).orElse(null);
            List<String> flags = new ArrayList<>(2);
            item.field("Flag").flatMap(codes::qualityFlag).ifPresent(flags::add);
            item.field("EFlag").map(e -> "HJ212_EFLAG_" + Hj212Codes.printable(e)).ifPresent(flags::add);
            readings.add(new RawReading(new ReadingSubmission(station.stationId(), pollutant.get().name(), value,
                    station.unitOf(pollutant.get()).symbol(), periodEnd, averaging.toString(), List.copyOf(flags)), raw));
        }
        return readings;
    }

    /**
     * The end of the period as ISO-8601 with offset. An unreadable DataTime is passed on as it is, so the
     * intake rejects it as an invalid timestamp and keeps the packet; an absent one stays absent.
     */
    String periodEnd(String dataTime, Hj212Command command, Duration averaging) {
        if (dataTime == null) {
            return null;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(dataTime, DATA_TIME);
        } catch (DateTimeParseException e) {
            return "DataTime=" + dataTime;
        }
        LocalDateTime end = command.dataTimeStartsPeriod() ? local.plus(averaging) : local;
        return end.atZone(zone).toOffsetDateTime().toString();
    }

    static Double number(String text) {
        return NUMBER.matcher(text).matches() ? Double.valueOf(text) : null;
    }
}
