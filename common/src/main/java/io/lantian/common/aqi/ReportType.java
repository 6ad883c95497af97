package io.lantian.common.aqi;

/**
 * The two reports HJ 633 defines (§5): the real-time report (实时报) of one hour and the daily report (日报)
 * of one natural day. They differ in which columns the concentrations are looked up on (docs/aqi.md).
 * For the US EPA AQI both use the same table; the real-time values are NowCast concentrations.
 */
public enum ReportType {
    /** 实时报: hourly, published after each full hour. */
    REALTIME,
    /** 日报: one natural day (the 24 h before midnight). */
    DAILY
}
