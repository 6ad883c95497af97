package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.dispatch.order.OrderChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code order_escalation_step} table: each order revision's copy of its level's chain, and what became
 * of each step. Callers bring the transaction.
 */
@Repository
class EscalationSteps {

    /** The order states in which a step still applies: in force, and not answered. */
    static final List<String> UNANSWERED = List.of("PENDING", "DELIVERED", "ESCALATED", "UNDELIVERABLE");

    /** A due step claimed by a worker, with what its action needs to know of the order and the enterprise. */
    record Due(UUID orderId, int revision, int position, EscalationAction action, Duration after, String regionId,
               WarningLevel level, String enterpriseId, String enterpriseName, String township, String deliveryMode) {
    }

    /** One step of an order revision as officers see it. */
    record Step(int revision, int position, EscalationAction action, Duration after, Instant dueAt, String state,
                Instant doneAt, String instance, String note) {
    }

    private record DueRow(UUID orderId, int revision, int position, String action, int afterSeconds, String regionId,
                          String level, String enterpriseId, String name, String township, String deliveryMode) {
    }

    private record StepRow(int revision, int position, String action, int afterSeconds, Timestamp dueAt, String state,
                           Timestamp doneAt, String instance, String note) {
    }

    private final JdbcClient jdbc;

    EscalationSteps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Copies the level's chain as it is now to the order revision, each step due its {@code after} past
     * {@code issuedAt}. A second copy for the same revision changes nothing.
     *
     * @return steps copied
     */
    int snapshot(UUID orderId, int revision, WarningLevel level, Instant issuedAt) {
        return jdbc.sql("""
                        insert into order_escalation_step (order_id, revision, position, action, after_seconds, due_at, state)
                        select :order, :revision, position, action, after_seconds,
                          cast(:issued as timestamptz) + make_interval(secs => after_seconds), 'PENDING'
                        from escalation_chain where level = :level
                          -- an exempt enterprise (白名单 …) has nothing to do, so nothing to chase
                          and exists (select 1 from curtailment_order where order_id = :order and mode <> 'EXEMPT')
                        on conflict do nothing""")
                .param("order", orderId).param("revision", revision).param("issued", Timestamp.from(issuedAt))
                .param("level", level.name())
                .update();
    }

    /** {@link #snapshot} for many order revisions (each at its own issue time), in one statement. @return steps copied */
    int snapshotAll(List<OrderChanged> revisions) {
        if (revisions.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        insert into order_escalation_step (order_id, revision, position, action, after_seconds, due_at, state)
                        select r.order_id, r.revision, c.position, c.action, c.after_seconds,
                          r.issued + make_interval(secs => c.after_seconds), 'PENDING'
                        from unnest(?::uuid[], ?::int[], ?::text[], ?::timestamptz[]) as r(order_id, revision, level, issued)
                          join escalation_chain c on c.level = r.level
                          -- an exempt enterprise (白名单 …) has nothing to do, so nothing to chase
                          join curtailment_order o on o.order_id = r.order_id and o.mode <> 'EXEMPT'
                        on conflict do nothing""")
                .params(revisions.stream().map(r -> r.orderId().toString()).toArray(String[]::new),
                        revisions.stream().map(OrderChanged::revision).toArray(Integer[]::new),
                        revisions.stream().map(r -> r.level().name()).toArray(String[]::new),
                        revisions.stream().map(r -> r.occurredAt().toString()).toArray(String[]::new))
                .update();
    }

    /** The order's steps not yet carried out will not be: it was answered or closed. @return steps stopped */
    int stop(UUID orderId, String why) {
        return jdbc.sql("""
                        update order_escalation_step set state = 'STOPPED', done_at = now(), note = ?
                        where order_id = ? and state = 'PENDING'""")
                .params(why, orderId).update();
    }

    /** {@link #stop} for many orders in one statement: each order's steps stopped with its own note. */
    int stopAll(List<UUID> orderIds, List<String> why) {
        return jdbc.sql("""
                        update order_escalation_step s set state = 'STOPPED', done_at = now(), note = w.why
                        from unnest(?::uuid[], ?::text[]) as w(order_id, why)
                        where s.order_id = w.order_id and s.state = 'PENDING'""")
                .params(orderIds.stream().map(UUID::toString).toArray(String[]::new), why.toArray(String[]::new))
                .update();
    }

    /**
     * Claims the next due step whose order is still at its revision and unanswered: the step and the order row
     * are locked together, {@code SKIP LOCKED}, so replicas never take the same step, and never two steps of one
     * order at once, and never wait for one another. An enterprise answering meanwhile waits for the order row
     * and then finds the step carried out.
     */
    Optional<Due> claimNext() {
        return jdbc.sql("""
                        select s.order_id, s.revision, s.position, s.action, s.after_seconds, o.region_id, o.level,
                          o.enterprise_id, e.name, e.township, e.delivery_mode
                        from order_escalation_step s
                          join curtailment_order o on o.order_id = s.order_id and o.revision = s.revision
                          join enterprise e on e.enterprise_id = o.enterprise_id
                        where s.state = 'PENDING' and s.due_at <= now() and o.status in (:unanswered)
                        order by s.due_at, s.position
                        limit 1
                        for update of s, o skip locked""")
                .param("unanswered", UNANSWERED)
                .query(DueRow.class).optional()
                .map(row -> new Due(row.orderId(), row.revision(), row.position(), EscalationAction.valueOf(row.action()),
                        Duration.ofSeconds(row.afterSeconds()), row.regionId(), WarningLevel.valueOf(row.level()),
                        row.enterpriseId(), row.name(), row.township(), row.deliveryMode()));
    }

    void done(Due step, String instance, String note) {
        finish(step, "DONE", instance, note);
    }

    /** A claimed step that no longer applies (the order could not be escalated). */
    void stopped(Due step, String instance, String note) {
        finish(step, "STOPPED", instance, note);
    }

    private void finish(Due step, String state, String instance, String note) {
        jdbc.sql("""
                        update order_escalation_step set state = ?, done_at = now(), instance = ?, note = ?
                        where order_id = ? and revision = ? and position = ?""")
                .params(state, instance, note, step.orderId(), step.revision(), step.position()).update();
    }

    /** What a carried-out step did after its transaction (the outcome of a webhook re-send). */
    void note(Due step, String note) {
        jdbc.sql("update order_escalation_step set note = ? where order_id = ? and revision = ? and position = ?")
                .params(note, step.orderId(), step.revision(), step.position()).update();
    }

    /**
     * Pending steps left behind by an order that moved on in a way that stops nothing at once (e.g. to
     * NON_COMPLIANT), marked STOPPED. Rows another transaction holds are left for the next time.
     *
     * @return steps stopped
     */
    int stopMoot() {
        return jdbc.sql("""
                        with moot as (
                          select s.order_id, s.revision, s.position, o.status, o.revision as current
                          from order_escalation_step s join curtailment_order o on o.order_id = s.order_id
                          where s.state = 'PENDING' and s.due_at <= now()
                            and (o.revision <> s.revision or o.status not in (:unanswered))
                          for update of s skip locked)
                        update order_escalation_step s set state = 'STOPPED', done_at = now(),
                          note = case when moot.current <> s.revision then 'stopped: the order is at revision ' || moot.current
                                      else 'stopped: the order is ' || moot.status end
                        from moot
                        where s.order_id = moot.order_id and s.revision = moot.revision and s.position = moot.position""")
                .param("unanswered", UNANSWERED).update();
    }

    List<Step> ofOrder(UUID orderId) {
        return jdbc.sql("""
                        select revision, position, action, after_seconds, due_at, state, done_at, instance, note
                        from order_escalation_step where order_id = ? order by revision, position""")
                .param(orderId).query(StepRow.class).list().stream()
                .map(row -> new Step(row.revision(), row.position(), EscalationAction.valueOf(row.action()),
                        Duration.ofSeconds(row.afterSeconds()), row.dueAt().toInstant(), row.state(),
                        row.doneAt() == null ? null : row.doneAt().toInstant(), row.instance(), row.note()))
                .toList();
    }
}
