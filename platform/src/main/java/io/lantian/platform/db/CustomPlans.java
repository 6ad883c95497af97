package io.lantian.platform.db;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Custom plans for the rest of the caller's transaction ({@code set local plan_cache_mode = force_custom_plan}).
 *
 * <p>For transactions of set-based statements that join arrays of a varying number of keys with tables that grow
 * by thousands of rows a minute. PostgreSQL caches a generic plan per prepared statement and connection, made once
 * with the array and the tables as they were then, and keeps it until the table is analyzed again. Planned while
 * a table was nearly empty, such a plan stays a sequential scan as the table grows: measured with
 * pg_stat_statements, the region AQI means took 650 ms a call at 275 000 readings, and the ack batch's key lookup
 * 1.1 ms at 8 000 keys (docs/benchmarks.md, Runs K). Planning each statement again costs a fraction of a
 * millisecond: worth it for a batch of many rows, not for a single-row statement per request.
 */
public final class CustomPlans {

    private CustomPlans() {
    }

    /** Must run inside a transaction: {@code set local} ends with it. */
    public static void forThisTransaction(JdbcClient jdbc) {
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
    }
}
