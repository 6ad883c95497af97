package io.lantian.dispatch.notify;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where producers put notices for officers: in their own transaction, so a notice exists exactly when the
 * fact it reports was committed. Sending is the notification sender's job.
 */
@Component
public class Notices {

    private final JdbcClient jdbc;

    Notices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when a notice with the same dedup key exists already (nothing is added) */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean add(Notice notice) {
        return jdbc.sql("""
                        insert into officer_notice (kind, audience, region_id, township, dedup_key, text)
                        values (?, ?, ?, ?, ?, ?) on conflict (dedup_key) do nothing""")
                .params(notice.kind().name(), notice.audience().name(), notice.regionId(), notice.township(),
                        notice.dedupKey(), notice.text())
                .update() == 1;
    }
}
