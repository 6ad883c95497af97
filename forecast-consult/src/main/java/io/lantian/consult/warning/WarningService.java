package io.lantian.consult.warning;

import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.platform.outbox.Outbox;
import io.lantian.platform.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The warning lifecycle: ISSUED → ADJUSTED (up or down) … → LIFTED, or CANCELLED. Every change is a new
 * revision; the state change, its history row and the event on {@code aq.warnings.v1} are one transaction
 * (the event leaves through the outbox). Nothing is deleted.
 */
@Service
public class WarningService {

    private static final Logger log = LoggerFactory.getLogger(WarningService.class);
    private static final String COLUMNS = "warning_id, region_id, level, status, revision, effective_from, expected_end";

    private final JdbcClient jdbc;
    private final Outbox outbox;

    WarningService(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** What a decision says: the level, when it starts and is expected to end, why, and who decided. */
    public record Decision(WarningLevel level, Instant effectiveFrom, Instant expectedEnd, String basis,
                           String decidedBy, String comment) {
    }

    /** @return the new warning, or empty when the region already had an active warning */
    private Optional<Warning> issueUnlessActive(String regionId, Decision decision) {
        Instant now = now();
        Instant from = decision.effectiveFrom() == null ? now : decision.effectiveFrom().truncatedTo(ChronoUnit.MILLIS);
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into warning (warning_id, region_id, level, status, revision, effective_from, expected_end)
                        values (?, ?, ?, 'ISSUED', 1, ?, ?)
                        on conflict (region_id) where status in ('ISSUED', 'ADJUSTED') do nothing""")
                .params(id, regionId, decision.level().name(), Timestamp.from(from), timestamp(decision.expectedEnd()))
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        record(id, 1, regionId, Action.ISSUED, decision, from, now);
        log.info("Issued {} warning {} for {} ({}): {}", decision.level(), id, regionId, decision.decidedBy(), decision.basis());
        return find(id);
    }

    /** Issues a warning; 409 when the region already has an active one (adjust that one instead). */
    @Transactional
    public Warning issue(String regionId, Decision decision) {
        return issueUnlessActive(regionId, decision).orElseThrow(() -> ApiProblem.conflict("warning-active",
                "region " + regionId + " already has an active warning; adjust or lift it instead"));
    }

    /** Raises or lowers an active warning's level (a new revision, action CHANGED). */
    @Transactional
    public Warning adjust(UUID warningId, Decision decision) {
        Warning current = lockActive(warningId);
        if (current.level().equals(decision.level().name()) && decision.expectedEnd() == null) {
            throw ApiProblem.conflict("no-change", "the warning is already " + current.level());
        }
        return change(current, "ADJUSTED", Action.CHANGED, decision);
    }

    @Transactional
    public Warning lift(UUID warningId, String basis, String decidedBy, String comment) {
        Warning current = lockActive(warningId);
        return change(current, "LIFTED", Action.LIFTED, new Decision(WarningLevel.valueOf(current.level()), null, null,
                basis, decidedBy, comment));
    }

    /** Withdraws a warning issued in error (action CANCELLED); dispatch cancels its orders. */
    @Transactional
    public Warning cancel(UUID warningId, String basis, String decidedBy, String comment) {
        Warning current = lockActive(warningId);
        return change(current, "CANCELLED", Action.CANCELLED, new Decision(WarningLevel.valueOf(current.level()), null, null,
                basis, decidedBy, comment));
    }

    private Warning change(Warning current, String status, Action action, Decision decision) {
        int revision = current.revision() + 1;
        Instant now = now();
        Instant expectedEnd = decision.expectedEnd() != null ? decision.expectedEnd() : current.expectedEnd();
        jdbc.sql("""
                        update warning set level = ?, status = ?, revision = ?, expected_end = ?, updated_at = ?
                        where warning_id = ?""")
                .params(decision.level().name(), status, revision, timestamp(expectedEnd), Timestamp.from(now),
                        UUID.fromString(current.warningId()))
                .update();
        record(UUID.fromString(current.warningId()), revision, current.regionId(), action, decision, current.effectiveFrom(), now);
        log.info("Warning {} revision {}: {} {} by {}", current.warningId(), revision, action, decision.level(), decision.decidedBy());
        return find(UUID.fromString(current.warningId())).orElseThrow();
    }

    private void record(UUID id, int revision, String regionId, Action action, Decision decision, Instant effectiveFrom,
                        Instant now) {
        jdbc.sql("""
                        insert into warning_revision (warning_id, revision, action, level, basis, decided_by, comment, occurred_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, revision, action.name(), decision.level().name(), decision.basis(), decision.decidedBy(),
                        decision.comment(), Timestamp.from(now))
                .update();
        outbox.append(Topics.WARNINGS, regionId, new WarningEvent(id.toString(), revision, regionId, action,
                decision.level(), effectiveFrom, decision.basis(), decision.decidedBy(), now));
    }

    private Warning lockActive(UUID warningId) {
        Warning current = jdbc.sql("select " + COLUMNS + " from warning where warning_id = ? for update")
                .param(warningId).query(this::warning).optional()
                .orElseThrow(() -> ApiProblem.notFound("no warning " + warningId));
        if (!current.active()) {
            throw ApiProblem.conflict("warning-closed", "the warning is " + current.status() + " and cannot change");
        }
        return current;
    }

    @Transactional(readOnly = true)
    public Optional<Warning> activeIn(String regionId) {
        return jdbc.sql("select " + COLUMNS + " from warning where region_id = ? and status in ('ISSUED', 'ADJUSTED')")
                .param(regionId).query(this::warning).optional();
    }

    @Transactional(readOnly = true)
    public List<Warning> list(String regionId, String status, Instant from, Instant to) {
        return jdbc.sql("select " + COLUMNS + " from warning"
                        + " where (cast(:region as text) is null or region_id = :region)"
                        + " and (cast(:status as text) is null or status = :status"
                        + "      or (cast(:status as text) = 'ACTIVE' and status in ('ISSUED', 'ADJUSTED')))"
                        + " and (cast(:from as timestamptz) is null or effective_from >= :from)"
                        + " and (cast(:to as timestamptz) is null or effective_from < :to)"
                        + " order by effective_from desc limit 200")
                .param("region", regionId)
                .param("status", status)
                .param("from", timestamp(from))
                .param("to", timestamp(to))
                .query(this::warning)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Warning> find(UUID warningId) {
        return jdbc.sql("select " + COLUMNS + " from warning where warning_id = ?")
                .param(warningId).query(this::warning).optional();
    }

    private Warning warning(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("warning_id");
        Timestamp end = rs.getTimestamp("expected_end");
        return new Warning(id, rs.getString("region_id"), rs.getString("level"), rs.getString("status"),
                rs.getInt("revision"), rs.getTimestamp("effective_from").toInstant(), end == null ? null : end.toInstant(),
                history(id));
    }

    private List<Warning.Revision> history(String warningId) {
        return jdbc.sql("""
                        select revision, action, level, basis, decided_by, comment, occurred_at from warning_revision
                        where warning_id = ? order by revision""")
                .param(UUID.fromString(warningId))
                .query((rs, n) -> new Warning.Revision(rs.getInt("revision"), rs.getString("action"),
                        rs.getString("level"), rs.getString("basis"), rs.getString("decided_by"),
                        rs.getString("comment"), rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
