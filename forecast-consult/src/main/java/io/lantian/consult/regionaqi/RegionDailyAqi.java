package io.lantian.consult.regionaqi;

import io.lantian.common.aqi.AqiCalculator;
import io.lantian.common.aqi.AqiReport;
import io.lantian.common.aqi.AqiStandard;
import io.lantian.common.aqi.Indicator;
import io.lantian.common.aqi.ReportType;
import io.lantian.common.pollutant.Pollutant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Station means and the region's daily report (日报), from the stored hourly values: per station the daily
 * means (O3: daily maximum 8-hour and 1-hour values) with their validity, per region the mean of the valid
 * stations' values per indicator, then the sub-indices by the edition in force on that day.
 */
@Service
public class RegionDailyAqi {

    private final JdbcClient jdbc;

    RegionDailyAqi(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One station's indicator for a day, with its coverage. */
    public record StationDaily(String stationId, String indicator, Mean mean) {
    }

    /** The region's value of one indicator: the mean over the stations whose value is valid. */
    public record RegionValue(String indicator, Double value, int validStations, int reportingStations) {
    }

    public record Daily(String regionId, LocalDate date, String standard, Integer aqi, Map<String, Integer> iaqi,
                        List<String> primaryPollutants, List<RegionValue> values, List<StationDaily> stations) {
    }

    /** One station's hourly values by pollutant, hours ending in (from, to]. */
    private Map<Pollutant, NavigableMap<Instant, Double>> hourlyOf(String stationId, Instant from, Instant to) {
        return hourly(jdbc.sql("select r.station_id, r.pollutant, r.period_end, r.value from station_reading r"
                        + " where r.station_id = :id and r.averaging = 'PT1H' and r.period_end > :from and r.period_end <= :to")
                .param("id", stationId), from, to).getOrDefault(stationId, Map.of());
    }

    /** The area's hourly values by station and pollutant, hours ending in (from, to]. */
    private Map<String, Map<Pollutant, NavigableMap<Instant, Double>>> hourlyIn(Area area, Instant from, Instant to) {
        return hourly(jdbc.sql("select r.station_id, r.pollutant, r.period_end, r.value" + ReadingStore.rowsOf(area)
                        + " and r.averaging = 'PT1H' and r.period_end > :from and r.period_end <= :to")
                .param("district", area.district()).param("township", area.township()), from, to);
    }

    private static Map<String, Map<Pollutant, NavigableMap<Instant, Double>>> hourly(JdbcClient.StatementSpec query,
                                                                                    Instant from, Instant to) {
        Map<String, Map<Pollutant, NavigableMap<Instant, Double>>> byStation = new TreeMap<>();
        query.param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> byStation.computeIfAbsent(rs.getString("station_id"), s -> new EnumMap<>(Pollutant.class))
                        .computeIfAbsent(Pollutant.valueOf(rs.getString("pollutant")), p -> new TreeMap<>())
                        .put(rs.getTimestamp("period_end").toInstant(), rs.getDouble("value")))
                .list();
        return byStation;
    }

    @Transactional(readOnly = true)
    public Daily daily(String regionId, LocalDate date) {
        return daily(Area.district(regionId), date);
    }

    /** The daily report of a district or a township. */
    @Transactional(readOnly = true)
    public Daily daily(Area area, LocalDate date) {
        Instant midnight = date.atStartOfDay(RollingMeans.CHINA).toInstant();
        // O3's 8-hour windows reach back 7 hours into the day before
        var byStation = hourlyIn(area, midnight.minus(Duration.ofHours(8)), midnight.plus(Duration.ofHours(24)));
        List<StationDaily> stations = new ArrayList<>();
        Map<Indicator, List<Double>> valid = new EnumMap<>(Indicator.class);
        Map<Indicator, Integer> reporting = new HashMap<>();
        byStation.forEach((station, pollutants) -> pollutants.forEach((pollutant, hours) -> {
            for (Map.Entry<Indicator, Mean> e : dailyIndicators(pollutant, hours, date).entrySet()) {
                stations.add(new StationDaily(station, e.getKey().key(), e.getValue()));
                reporting.merge(e.getKey(), 1, Integer::sum);
                if (e.getValue().valid()) {
                    valid.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().value());
                }
            }
        }));
        List<RegionValue> values = new ArrayList<>();
        Map<Indicator, BigDecimal> concentrations = new EnumMap<>(Indicator.class);
        reporting.keySet().stream().sorted().forEach(indicator -> {
            List<Double> v = valid.getOrDefault(indicator, List.of());
            Double mean = v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            values.add(new RegionValue(indicator.key(), mean, v.size(), reporting.get(indicator)));
            if (mean != null) {
                concentrations.put(indicator, BigDecimal.valueOf(mean).setScale(indicator.pollutant() == Pollutant.CO ? 1 : 0,
                        RoundingMode.HALF_EVEN));
            }
        });
        AqiStandard standard = AqiStandard.inForceOn(date);
        AqiReport report = AqiCalculator.evaluate(standard, ReportType.DAILY, concentrations);
        Map<String, Integer> iaqi = new LinkedHashMap<>();
        report.subIndices().forEach(s -> iaqi.put(s.indicator().key(), s.value().isPresent() ? s.value().getAsInt() : null));
        return new Daily(area.id(), date, standard.code(), report.aqi().isPresent() ? report.aqi().getAsInt() : null, iaqi,
                report.primaryPollutants().stream().map(Indicator::key).toList(), values, stations);
    }

    /** The daily report's indicators of one pollutant at one station. */
    static Map<Indicator, Mean> dailyIndicators(Pollutant pollutant, NavigableMap<Instant, Double> hours, LocalDate date) {
        Map<Indicator, Mean> result = new EnumMap<>(Indicator.class);
        switch (pollutant) {
            case O3 -> {
                result.put(Indicator.O3_8H, RollingMeans.o3DailyMax8h(hours, date));
                Instant midnight = date.atStartOfDay(RollingMeans.CHINA).toInstant();
                NavigableMap<Instant, Double> day = hours.subMap(midnight, false, midnight.plus(Duration.ofHours(24)), true);
                result.put(Indicator.O3_1H, new Mean(day.values().stream().mapToDouble(Double::doubleValue).max().stream().boxed()
                        .findFirst().orElse(null), day.size(), 24, 20, day.size() >= 20));
            }
            case PM2_5 -> result.put(Indicator.PM2_5_24H, RollingMeans.daily(hours, date));
            case PM10 -> result.put(Indicator.PM10_24H, RollingMeans.daily(hours, date));
            case SO2 -> result.put(Indicator.SO2_24H, RollingMeans.daily(hours, date));
            case NO2 -> result.put(Indicator.NO2_24H, RollingMeans.daily(hours, date));
            case CO -> result.put(Indicator.CO_24H, RollingMeans.daily(hours, date));
        }
        return result;
    }

    /** One station's latest means at an hour: 24-hour moving means, and O3's 8-hour moving mean. */
    @Transactional(readOnly = true)
    public Map<String, Mean> stationMeans(String stationId, Instant hourEnd) {
        var byPollutant = hourlyOf(stationId, hourEnd.minus(Duration.ofHours(24)), hourEnd);
        Map<String, Mean> means = new TreeMap<>();
        byPollutant.forEach((pollutant, hours) -> {
            if (pollutant == Pollutant.O3) {
                means.put("O3_8h", RollingMeans.mean8h(hours, hourEnd));
            } else {
                means.put(pollutant.name() + "_24h", RollingMeans.mean24h(hours, hourEnd));
            }
            Double latest = hours.get(hourEnd);
            means.put(pollutant.name() + "_1h", latest == null ? new Mean(null, 0, 1, 1, false) : new Mean(latest, 1, 1, 1, true));
        });
        return means;
    }
}
