package io.lantian.consult.forecast;

import io.lantian.common.events.ForecastIssued;
import io.lantian.consult.regionaqi.RegionAqiHistory;
import io.lantian.consult.regionaqi.RegionHourAqi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every {@code lantian.consult.baseline.interval}: for each region with recent hourly values and no
 * forecast from anyone else within {@code lantian.consult.baseline.quiet-after}, submits the baseline's
 * 72-hour forecast through the normal intake (stored, published, judged by the rules) as source
 * {@value BaselineForecaster#SOURCE}, issued by {@code system}.
 */
@Component
class BaselineForecastJob {

    private static final Logger log = LoggerFactory.getLogger(BaselineForecastJob.class);
    static final int HORIZON_HOURS = 72;

    private final RegionAqiHistory history;
    private final ForecastService forecasts;
    private final JdbcClient jdbc;
    private final boolean enabled;
    private final Duration quietAfter;

    BaselineForecastJob(RegionAqiHistory history, ForecastService forecasts, JdbcClient jdbc,
                        @Value("${lantian.consult.baseline.enabled:true}") boolean enabled,
                        @Value("${lantian.consult.baseline.quiet-after:12h}") Duration quietAfter) {
        this.history = history;
        this.forecasts = forecasts;
        this.jdbc = jdbc;
        this.enabled = enabled;
        this.quietAfter = quietAfter;
    }

    @Scheduled(fixedDelayString = "${lantian.consult.baseline.interval:1h}", initialDelayString = "${lantian.consult.baseline.initial-delay:5m}")
    void forecastQuietRegions() {
        if (!enabled) {
            return;
        }
        Instant now = Instant.now();
        for (String region : history.activeRegions(now.minus(Duration.ofHours(6)))) {
            try {
                forecastIfQuiet(region, now);
            } catch (RuntimeException e) {
                log.warn("Baseline forecast for {} failed: {}", region, e.toString());
            }
        }
    }

    void forecastIfQuiet(String region, Instant now) {
        Boolean recentOfficial = jdbc.sql("select exists (select 1 from forecast where region_id = ? and source <> ? and issued_at >= ?)")
                .params(region, BaselineForecaster.SOURCE, Timestamp.from(now.minus(quietAfter))).query(Boolean.class).single();
        if (Boolean.TRUE.equals(recentOfficial)) {
            return;
        }
        List<RegionHourAqi> past = history.hourly(region, now.minus(Duration.ofHours(24)), now);
        if (past.size() < BaselineForecaster.MIN_HISTORY) {
            return;
        }
        List<Integer> values = past.stream().map(RegionHourAqi::aqi).toList();
        Instant next = past.get(past.size() - 1).periodEnd(); // the first forecast hour starts where the data ends
        List<ForecastIssued.Hour> hours = new ArrayList<>();
        List<Integer> predicted = BaselineForecaster.forecast(values, HORIZON_HOURS);
        for (int h = 0; h < predicted.size(); h++) {
            hours.add(new ForecastIssued.Hour(next.plus(Duration.ofHours(h)), predicted.get(h), null));
        }
        forecasts.receive(new ForecastIssued(UUID.randomUUID().toString(), region, now.truncatedTo(ChronoUnit.MILLIS),
                "system", BaselineForecaster.SOURCE, List.of(), hours));
        log.info("Baseline forecast for {}: {} hours from {}", region, HORIZON_HOURS, next);
    }
}
