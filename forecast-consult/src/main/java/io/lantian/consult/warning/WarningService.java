package io.lantian.consult.warning;

import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues warnings and keeps their history. The state change, its history row and the event on
 * {@code aq.warnings.v1} are one transaction (the event leaves through the outbox).
 */
@Service
public class WarningService {

    private static final Logger log = LoggerFactory.getLogger(WarningService.class);
    private final JdbcClient jdbc;
    private final Outbox outbox;

    WarningService(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * Issues a warning for the region unless one is already active there.
     *
     * @return the new warning's id, or empty when the region already had an active warning
     */
    @Transactional
    public Optional<String> issueUnlessActive(String regionId, WarningLevel level, String basis, String decidedBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into warning (warning_id, region_id, level, status, revision, effective_from)
                        values (?, ?, ?, 'ISSUED', 1, ?)
                        on conflict (region_id) where status in ('ISSUED', 'ADJUSTED') do nothing""")
                .params(id, regionId, level.name(), Timestamp.from(now))
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        jdbc.sql("""
                        insert into warning_revision (warning_id, revision, action, level, basis, decided_by, occurred_at)
                        values (?, 1, 'ISSUED', ?, ?, ?, ?)""")
                .params(id, level.name(), basis, decidedBy, Timestamp.from(now))
                .update();
        outbox.append(Topics.WARNINGS, regionId, new WarningEvent(id.toString(), 1, regionId, Action.ISSUED, level,
                now, basis, decidedBy, now));
        log.info("Issued {} warning {} for {}: {}", level, id, regionId, basis);
        return Optional.of(id.toString());
    }

    @Transactional(readOnly = true)
    public List<Warning> list(String regionId, String status) {
        return jdbc.sql("""
                        select warning_id, region_id, level, status, revision, effective_from from warning
                        where (cast(:region as text) is null or region_id = :region)
                          and (cast(:status as text) is null or status = :status)
                        order by effective_from desc limit 200""")
                .param("region", regionId)
                .param("status", status)
                .query((rs, n) -> new Warning(rs.getString("warning_id"), rs.getString("region_id"),
                        rs.getString("level"), rs.getString("status"), rs.getInt("revision"),
                        rs.getTimestamp("effective_from").toInstant(), history(rs.getString("warning_id"))))
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Warning> find(UUID warningId) {
        return jdbc.sql("select warning_id, region_id, level, status, revision, effective_from from warning where warning_id = ?")
                .param(warningId)
                .query((rs, n) -> new Warning(rs.getString("warning_id"), rs.getString("region_id"),
                        rs.getString("level"), rs.getString("status"), rs.getInt("revision"),
                        rs.getTimestamp("effective_from").toInstant(), history(rs.getString("warning_id"))))
                .optional();
    }

    private List<Warning.Revision> history(String warningId) {
        return jdbc.sql("""
                        select revision, action, level, basis, decided_by, occurred_at from warning_revision
                        where warning_id = ? order by revision""")
                .param(UUID.fromString(warningId))
                .query((rs, n) -> new Warning.Revision(rs.getInt("revision"), rs.getString("action"),
                        rs.getString("level"), rs.getString("basis"), rs.getString("decided_by"),
                        rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }
}
