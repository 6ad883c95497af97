package io.lantian.consult.regionaqi;

import io.lantian.common.events.RegionAqiEvent;
import io.lantian.common.topics.Topics;
import io.lantian.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes each district's and township's daily report ({@code report} DAILY) on {@code aq.region-aqi.v1} once the
 * Beijing day's windows are closed: called by {@link WindowCloser} in the transaction that claims the day's last
 * hour, so every day is published once, whichever replica closes it. Values arriving after that still change the
 * daily report the API computes; the published one is the figure at closing time (as a bureau publishes its day).
 */
@Component
class DailyAqiPublisher {

    private final JdbcClient jdbc;
    private final RegionDailyAqi daily;
    private final Outbox outbox;

    DailyAqiPublisher(JdbcClient jdbc, RegionDailyAqi daily, Outbox outbox) {
        this.jdbc = jdbc;
        this.daily = daily;
        this.outbox = outbox;
    }

    /** @return the areas published (those with a computable daily AQI) */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Area> publish(LocalDate day) {
        Instant from = day.atStartOfDay(RollingMeans.CHINA).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(RollingMeans.CHINA).toInstant();
        List<Area> published = new ArrayList<>();
        for (Area area : areasWithValues(from, to)) {
            RegionDailyAqi.Daily report = daily.daily(area, day);
            if (report.aqi() == null) {
                continue; // no indicator valid for the day: no daily AQI to publish
            }
            Map<String, Integer> iaqi = new LinkedHashMap<>();
            report.iaqi().forEach((indicator, value) -> {
                if (value != null) {
                    iaqi.put(indicator, value);
                }
            });
            int stations = (int) report.stations().stream().map(RegionDailyAqi.StationDaily::stationId).distinct().count();
            outbox.append(Topics.REGION_AQI, area.id(), new RegionAqiEvent(area.id(), to, report.standard(), report.aqi(),
                    iaqi, report.primaryPollutants(), stations, Instant.now().truncatedTo(ChronoUnit.MILLIS), area.scope(),
                    area.township(), RegionAqiEvent.Report.DAILY));
            published.add(area);
        }
        return published;
    }

    /** The districts and townships with an hourly value in the day. */
    private List<Area> areasWithValues(Instant from, Instant to) {
        List<Area> areas = new ArrayList<>();
        jdbc.sql("""
                        select distinct r.region_id, s.township from station_reading r
                        left join region_station s on s.station_id = r.station_id
                        where r.averaging = 'PT1H' and r.period_end > ? and r.period_end <= ?
                        order by 1, 2""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> {
                    String district = rs.getString(1);
                    String township = rs.getString(2);
                    if (areas.stream().noneMatch(a -> a.district().equals(district) && a.township() == null)) {
                        areas.add(Area.district(district));
                    }
                    if (township != null) {
                        areas.add(Area.township(district, township));
                    }
                    return null;
                })
                .list();
        return areas;
    }
}
