package io.lantian.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmarks' embedded PostgreSQL: started with PostgreSQL's defaults, or with server settings given for a
 * diagnosis ({@code --pg name=value,…}). The embedded server's library turns {@code synchronous_commit} off (fine for
 * tests); a production server commits synchronously, so the benchmarks do too unless {@code --pg} says otherwise
 * (since 2026-11-29, detection Runs M: on this machine it made no measurable difference). With
 * {@code --pg shared_preload_libraries=pg_stat_statements} a benchmark can also
 * say which statements took PostgreSQL's time in its measured window ({@link #resetStatements}, {@link #topStatements}).
 */
final class BenchPostgres {

    private BenchPostgres() {
    }

    /** {@code name=value,name=value} as given to {@code --pg}; empty for none. */
    static Map<String, String> settings(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : text.split(",")) {
            if (!setting.isBlank()) {
                String[] nameValue = setting.split("=", 2);
                if (nameValue.length != 2) {
                    throw new IllegalArgumentException("--pg takes name=value pairs, not " + setting);
                }
                settings.put(nameValue[0].strip(), nameValue[1].strip());
            }
        }
        return Map.copyOf(settings);
    }

    /** @param log where the server's own log goes (with {@code --pg log_…} settings, a diagnosis reads it there) */
    static EmbeddedPostgres start(Map<String, String> settings, Path log) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setServerConfig("synchronous_commit", "on");
        settings.forEach(builder::setServerConfig);
        return builder.start();
    }

    /** Whether the settings load pg_stat_statements (then the statements of a window can be reported). */
    static boolean tracksStatements(Map<String, String> settings) {
        return settings.getOrDefault("shared_preload_libraries", "").contains("pg_stat_statements");
    }

    /** Creates the extension if needed and forgets what it has counted so far: the window starts now. */
    static void resetStatements(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
    }

    /**
     * The statements that took the most execution time since {@link #resetStatements}, as Markdown table rows
     * (header included): total ms, calls, rows, ms per call, calls per {@code unit} and the statement's text cut short.
     */
    static List<String> topStatements(DataSource db, int limit, long units, String unit) throws SQLException {
        List<String> lines = new ArrayList<>();
        lines.add("| total ms | calls | rows | ms/call | calls per " + unit + " | statement |");
        lines.add("| ---: | ---: | ---: | ---: | ---: | --- |");
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select total_exec_time, calls, rows, query from pg_stat_statements "
                     + "order by total_exec_time desc limit " + limit)) {
            while (rs.next()) {
                String query = rs.getString(4).replaceAll("\\s+", " ").replace("|", "\\|");
                long calls = rs.getLong(2);
                lines.add(String.format(Locale.ROOT, "| %.0f | %d | %d | %.3f | %.2f | `%s` |", rs.getDouble(1), calls,
                        rs.getLong(3), rs.getDouble(1) / Math.max(1, calls), units == 0 ? Double.NaN : (double) calls / units,
                        query.length() > 160 ? query.substring(0, 160) + "…" : query));
            }
        }
        return lines;
    }
}
