package io.lantian.dispatch.report;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Warning reports and order metrics ({@code lantian.dispatch.reports}).
 *
 * @param unacknowledgedRefresh how often {@code lantian_orders_unacknowledged} is counted again in the database
 *                              (one grouped count per refresh, not one per scrape)
 * @param timeZone              the zone of the times in the CSV export (the JSON report is in UTC)
 */
@ConfigurationProperties("lantian.dispatch.reports")
public record ReportProperties(Duration unacknowledgedRefresh, ZoneId timeZone) {

    public ReportProperties {
        unacknowledgedRefresh = unacknowledgedRefresh == null ? Duration.ofSeconds(30) : unacknowledgedRefresh;
        timeZone = timeZone == null ? ZoneId.of("Asia/Shanghai") : timeZone;
    }
}
