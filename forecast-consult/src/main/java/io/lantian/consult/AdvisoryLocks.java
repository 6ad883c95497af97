package io.lantian.consult;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Collection;

/**
 * Transaction-scoped PostgreSQL advisory locks on many keys of one kind at once: all in one statement, taken in the
 * order of the locks' keys, so two transactions locking overlapping sets never wait on each other in a circle.
 * Held until the caller's transaction ends.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /**
     * @param kind the locks' namespace (e.g. {@code region-aqi}): keys of different kinds never collide
     * @param keys what to lock within it
     */
    public static void lockAll(JdbcClient jdbc, String kind, Collection<String> keys) {
        jdbc.sql("""
                        select pg_advisory_xact_lock(hashtext(?), k)
                        from (select distinct hashtext(key) as k from unnest(?::text[]) as key order by 1) as keys""")
                .params(kind, keys.toArray(String[]::new)).query((rs, n) -> 1).list();
    }
}
