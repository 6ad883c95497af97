package io.lantian.consult;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * A queue of work kept in a table (an identity {@code id}, an {@code enqueued_at}, {@code attempts},
 * {@code last_error} and the columns of a key): rows are appended in the transaction that makes the work, so a crash
 * never loses it, and a {@link QueueWorker} claims a key's rows once the oldest of them has waited a delay — all rows
 * of that key queued by then, so work that comes in bursts (an hour's readings of a whole region) is done once — and
 * deletes them in the transaction that does the work. Rows are appended, never merged per key: a row added while a
 * worker holds its key's earlier rows is taken by the next claim, and the transaction adding it never waits for the
 * worker. A key whose work failed is claimed apart from the fresh ones ({@link #claimRetried}), so it holds up no
 * other.
 *
 * @param <T> what a row holds
 */
public final class DueQueue<T> {

    /** A row claimed by the caller's transaction; {@code key} tells the rows of one key apart from the others. */
    public record Claimed<T>(long id, String key, T due) {
    }

    private final JdbcClient jdbc;
    private final String table;
    private final String key;
    private final RowMapper<T> rows;

    /**
     * @param table the table (a constant of the code, never input)
     * @param key   its key columns, comma-separated (constants too)
     * @param rows  reads what a row holds (the key columns and whatever else the table has)
     */
    public DueQueue(JdbcClient jdbc, String table, String key, RowMapper<T> rows) {
        this.jdbc = jdbc;
        this.table = table;
        this.key = key;
        this.rows = rows;
    }

    /**
     * Every row of up to {@code keys} keys without a failed attempt whose oldest row has waited at least
     * {@code delay} (oldest first), locked until the caller's transaction ends; rows another transaction holds are
     * skipped, so replicas and threads never claim the same row.
     */
    public List<Claimed<T>> claim(Duration delay, int keys) {
        return claim(delay, keys, "max(attempts) = 0", "min(id)");
    }

    /**
     * Every row of the one key with a failed attempt that has failed least often (then the oldest), once its oldest
     * row has waited {@code delay}; locked as {@link #claim} does.
     */
    public List<Claimed<T>> claimRetried(Duration delay) {
        return claim(delay, 1, "max(attempts) > 0", "max(attempts), min(id)");
    }

    private List<Claimed<T>> claim(Duration delay, int keys, String which, String order) {
        return jdbc.sql("select *, row(" + key + ")::text as due_key from " + table + " where (" + key + ") in ("
                        + " select " + key + " from " + table + " group by " + key
                        + " having " + which + " and min(enqueued_at) <= now() - make_interval(secs => ?)"
                        + " order by " + order + " limit ?)"
                        + " for update skip locked")
                .params(delay.toMillis() / 1000.0, keys)
                .query((rs, n) -> new Claimed<>(rs.getLong("id"), rs.getString("due_key"), rows.mapRow(rs, n)))
                .list();
    }

    public void delete(Collection<Claimed<T>> claimed) {
        if (!claimed.isEmpty()) {
            jdbc.sql("delete from " + table + " where id = any(?::bigint[])").param(ids(claimed)).update();
        }
    }

    /** Counts a failed attempt on rows a rolled-back transaction had claimed, with its error (in a transaction of its own). */
    public void failed(Collection<Claimed<T>> claimed, String error) {
        if (!claimed.isEmpty()) {
            jdbc.sql("update " + table + " set attempts = attempts + 1, last_error = ? where id = any(?::bigint[])")
                    .params(error, ids(claimed)).update();
        }
    }

    private static Long[] ids(Collection<? extends Claimed<?>> claimed) {
        return claimed.stream().mapToLong(Claimed::id).boxed().toArray(Long[]::new);
    }

    /** Seconds since the oldest row still queued was queued; 0 when none waits. */
    public double oldestAgeSeconds() {
        return jdbc.sql("select coalesce(extract(epoch from now() - min(enqueued_at)), 0) from " + table)
                .query(Double.class).single();
    }
}
