package io.lantian.consult.regionaqi;

import io.lantian.common.aqi.Indicator;
import io.lantian.common.pollutant.Pollutant;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Closes each hour's windows once its lateness ({@code lantian.consult.windows.close-after}) has passed, and counts
 * them by validity: {@code lantian_consult_windows_closed_total{window, pollutant, valid}}. The means themselves are
 * computed from the stored hours whenever they are asked for (late values land in them until then and after);
 * this is the count of how many windows ended up below the validity rules — stations not reporting enough.
 *
 * <p>Per hour: every station with an hourly value in the 24 hours before it — its 24-hour moving mean (O3: the
 * 8-hour one). At Beijing midnight, also the day's daily means (O3: daily maximum 8-hour and 1-hour values), and
 * the day's daily region reports are published ({@link DailyAqiPublisher}). The {@code closed_window_hour} row claims
 * the hour: replicas and restarts count (and publish) it once.
 */
@Component
class WindowCloser {

    private static final Logger log = LoggerFactory.getLogger(WindowCloser.class);
    private static final Duration HOUR = Duration.ofHours(1);

    enum Window { MOVING_24H, MOVING_8H, DAILY_MEAN, DAILY_MAX_8H, DAILY_MAX_1H }

    record Key(Window window, Pollutant pollutant, boolean valid) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final WindowSettings settings;
    private final MeterRegistry meters;
    private final DailyAqiPublisher dailyAqi;

    WindowCloser(JdbcClient jdbc, TransactionTemplate tx, WindowSettings settings, MeterRegistry meters,
                 DailyAqiPublisher dailyAqi) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
        this.meters = meters;
        this.dailyAqi = dailyAqi;
    }

    @Scheduled(fixedDelayString = "${lantian.consult.windows.check-interval:1m}",
            initialDelayString = "${lantian.consult.windows.check-interval:1m}")
    void closeDue() {
        Instant due = Instant.now().minus(settings.closeAfter()).truncatedTo(ChronoUnit.HOURS);
        Instant last = jdbc.sql("select max(hour_end) from closed_window_hour").query(Timestamp.class).optional()
                .map(Timestamp::toInstant).orElse(due.minus(HOUR)); // a new database starts at the current hour
        Instant first = last.plus(HOUR);
        Instant oldest = due.minus(HOUR.multipliedBy(settings.maxCatchUpHours()));
        for (Instant hour = first.isBefore(oldest) ? oldest : first; !hour.isAfter(due); hour = hour.plus(HOUR)) {
            close(hour);
        }
    }

    /** Closes the windows ending at {@code hour} unless that was done already; returns what it counted (empty if so). */
    Map<Key, Integer> close(Instant hour) {
        Map<Key, Integer> counted = tx.execute(status -> {
            Map<Key, Integer> counts = new HashMap<>();
            int claimed = jdbc.sql("insert into closed_window_hour (hour_end, windows, invalid) values (?, 0, 0) on conflict do nothing")
                    .param(Timestamp.from(hour)).update();
            if (claimed == 0) {
                return counts; // another replica, or an earlier run, closed it
            }
            LocalDate endingDay = hour.atZone(RollingMeans.CHINA).getHour() == 0
                    ? hour.atZone(RollingMeans.CHINA).toLocalDate().minusDays(1) : null;
            // the day's O3 8-hour windows reach 7 hours into the day before
            Instant from = hour.minus(Duration.ofHours(endingDay == null ? 24 : 32));
            stationHours(from, hour).forEach((station, pollutants) -> pollutants.forEach((pollutant, hours) -> {
                if (hours.subMap(hour.minus(Duration.ofHours(24)), false, hour, true).isEmpty()) {
                    return; // only the day's early O3 hours: nothing of this station's last 24 hours to judge
                }
                if (pollutant == Pollutant.O3) {
                    count(counts, Window.MOVING_8H, pollutant, RollingMeans.mean8h(hours, hour));
                } else {
                    count(counts, Window.MOVING_24H, pollutant, RollingMeans.mean24h(hours, hour));
                }
                if (endingDay != null) {
                    RegionDailyAqi.dailyIndicators(pollutant, hours, endingDay).forEach((indicator, mean) ->
                            count(counts, dailyWindow(indicator), pollutant, mean));
                }
            }));
            int windows = counts.values().stream().mapToInt(Integer::intValue).sum();
            int invalid = counts.entrySet().stream().filter(e -> !e.getKey().valid()).mapToInt(Map.Entry::getValue).sum();
            jdbc.sql("update closed_window_hour set windows = ?, invalid = ? where hour_end = ?")
                    .params(windows, invalid, Timestamp.from(hour)).update();
            if (endingDay != null) {
                dailyAqi.publish(endingDay); // the day is closed: its daily report goes out once, with this claim
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counts.forEach((key, n) -> meters.counter("lantian.consult.windows.closed", "window", key.window().name(),
                            "pollutant", key.pollutant().name(), "valid", Boolean.toString(key.valid())).increment(n));
                }
            });
            if (invalid > 0) {
                log.debug("Windows ending {}: {} of {} invalid", hour, invalid, windows);
            }
            return counts;
        });
        return counted == null ? Map.of() : counted;
    }

    private static Window dailyWindow(Indicator indicator) {
        return switch (indicator) {
            case O3_8H -> Window.DAILY_MAX_8H;
            case O3_1H -> Window.DAILY_MAX_1H;
            default -> Window.DAILY_MEAN;
        };
    }

    private static void count(Map<Key, Integer> counts, Window window, Pollutant pollutant, Mean mean) {
        counts.merge(new Key(window, pollutant, mean.valid()), 1, Integer::sum);
    }

    /** Every station's hourly values by pollutant, hours ending in (from, to]. */
    private Map<String, Map<Pollutant, NavigableMap<Instant, Double>>> stationHours(Instant from, Instant to) {
        Map<String, Map<Pollutant, NavigableMap<Instant, Double>>> byStation = new HashMap<>();
        jdbc.sql("select station_id, pollutant, period_end, value from station_reading "
                        + "where averaging = 'PT1H' and period_end > ? and period_end <= ?")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> byStation.computeIfAbsent(rs.getString("station_id"), s -> new EnumMap<>(Pollutant.class))
                        .computeIfAbsent(Pollutant.valueOf(rs.getString("pollutant")), p -> new TreeMap<>())
                        .put(rs.getTimestamp("period_end").toInstant(), rs.getDouble("value")))
                .list();
        return byStation;
    }
}
