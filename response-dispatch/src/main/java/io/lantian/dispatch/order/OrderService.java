package io.lantian.dispatch.order;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.json.EventJson;
import io.lantian.dispatch.list.ListedEnterprise;
import io.lantian.dispatch.list.ReductionListStore;
import io.lantian.platform.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns warning revisions into curtailment orders and records what enterprises answer. One order per
 * enterprise per warning: a new revision of the warning supersedes the order's current revision (the order
 * keeps its id), a lift completes it, a cancellation cancels it. Each state change, its history row and its
 * event on {@code dispatch.order-events.v1} commit together (outbox). Consuming a warning revision twice
 * changes nothing.
 */
@Service
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    /** The states in which an order is in force and may still be answered. */
    public static final Set<OrderStatus> OPEN = EnumSet.of(OrderStatus.PENDING, OrderStatus.DELIVERED,
            OrderStatus.ACKNOWLEDGED, OrderStatus.CANNOT_COMPLY, OrderStatus.ESCALATED, OrderStatus.UNDELIVERABLE,
            OrderStatus.NON_COMPLIANT);
    private static final String COLUMNS = """
            order_id, warning_id, revision, enterprise_id, region_id, level, mode, status, measures, created_at,
            ack_deadline, acknowledged_at, acknowledged_by, ack_note, cannot_comply_code, cannot_comply_reason""";

    /** {@link #COLUMNS} of the table aliased {@code o}, where another source has columns of the same name. */
    private static final String ORDER_COLUMNS = COLUMNS.replaceAll("(\\w+)", "o.$1");

    private final JdbcClient jdbc;
    private final ReductionListStore list;
    private final OrderPolicy policy;
    private final OrderTransitions transitions;

    OrderService(JdbcClient jdbc, ReductionListStore list, OrderPolicy policy, OrderTransitions transitions) {
        this.jdbc = jdbc;
        this.list = list;
        this.policy = policy;
        this.transitions = transitions;
    }

    /** @return the number of orders created or changed */
    @Transactional
    public int onWarning(WarningEvent warning) {
        Instant now = now();
        int changed = switch (warning.action()) {
            case ISSUED, CHANGED -> issueOrSupersede(warning, now);
            case LIFTED -> close(warning, OrderStatus.COMPLETED, "warning lifted", now);
            case CANCELLED -> close(warning, OrderStatus.CANCELLED, "warning cancelled", now);
        };
        log.info("Warning {} revision {} ({} {} {}): {} orders changed in {} ms (started {} ms after the warning occurred)",
                warning.warningId(), warning.revision(), warning.action(), warning.regionId(), warning.level(), changed,
                Duration.between(now, Instant.now()).toMillis(),
                warning.occurredAt() == null ? "?" : Duration.between(warning.occurredAt(), now).toMillis());
        return changed;
    }

    /**
     * New orders for the enterprises that have none for this warning yet, set-based (a warning may reach
     * thousands: one INSERT of the orders, one of their history rows, one batch of events); the open orders of
     * the others move to the new revision one by one.
     */
    private int issueOrSupersede(WarningEvent warning, Instant now) {
        int changed = 0;
        UUID warningId = UUID.fromString(warning.warningId());
        Instant deadline = now.plus(policy.deadlineFor(warning.level()));
        Map<String, OrderView> existing = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from curtailment_order where warning_id = ? for update")
                .param(warningId).query(OrderService::view).list()
                .forEach(order -> existing.put(order.enterpriseId(), order));
        List<OrderTransitions.Recorded> created = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        for (ListedEnterprise enterprise : list.inRegion(warning.regionId())) {
            List<String> measures = enterprise.measureTexts(warning.level());
            String mode = policy.modeFor(enterprise, warning.level());
            OrderView old = existing.get(enterprise.enterpriseId());
            if (old == null) {
                created.add(new OrderTransitions.Recorded(UUID.randomUUID(), warning.warningId(), warning.revision(),
                        enterprise.enterpriseId(), warning.regionId(), warning.level(), measures,
                        "warning " + warning.level() + " issued"));
                modes.add(mode);
            } else if (old.revision() < warning.revision() && OPEN.contains(old.status())) {
                transition(UUID.fromString(old.orderId()), old.warningId(), old.revision(), old.enterpriseId(), old.regionId(),
                        old.level(), OrderStatus.SUPERSEDED, old.measures(), "system",
                        "superseded by revision " + warning.revision(), now);
                jdbc.sql("""
                                update curtailment_order set revision = ?, level = ?, mode = ?, status = 'PENDING', measures = ?,
                                  ack_deadline = ?, acknowledged_at = null, acknowledged_by = null, ack_note = null,
                                  cannot_comply_code = null, cannot_comply_reason = null, updated_at = ?
                                where order_id = ?""")
                        .params(warning.revision(), warning.level().name(), mode, EventJson.mapper().writeValueAsString(measures),
                                Timestamp.from(deadline), Timestamp.from(now), UUID.fromString(old.orderId()))
                        .update();
                transition(UUID.fromString(old.orderId()), old.warningId(), warning.revision(), old.enterpriseId(),
                        old.regionId(), warning.level(), OrderStatus.PENDING, measures, "system",
                        "warning changed to " + warning.level(), now);
                changed++;
            }
        }
        if (!created.isEmpty()) {
            jdbc.sql("""
                            insert into curtailment_order (order_id, warning_id, revision, enterprise_id, region_id, level, mode,
                              status, measures, ack_deadline, created_at, updated_at)
                            select order_id, ?, ?, enterprise_id, ?, ?, mode, 'PENDING', measures, ?, ?, ?
                            from unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) with ordinality
                              as o(order_id, enterprise_id, mode, measures, i)
                            order by i""")
                    .params(warningId, warning.revision(), warning.regionId(), warning.level().name(),
                            Timestamp.from(deadline), Timestamp.from(now), Timestamp.from(now),
                            created.stream().map(c -> c.orderId().toString()).toArray(String[]::new),
                            created.stream().map(OrderTransitions.Recorded::enterpriseId).toArray(String[]::new),
                            modes.toArray(String[]::new),
                            created.stream().map(c -> EventJson.mapper().writeValueAsString(c.measures())).toArray(String[]::new))
                    .update();
            transitions.recordAll(created, OrderStatus.PENDING, "system", now);
        }
        return changed + created.size();
    }

    private int close(WarningEvent warning, OrderStatus status, String note, Instant now) {
        List<OrderView> open = jdbc.sql("select " + COLUMNS + " from curtailment_order where warning_id = ? and revision < ? for update")
                .params(UUID.fromString(warning.warningId()), warning.revision())
                .query(OrderService::view).list().stream().filter(o -> OPEN.contains(o.status())).toList();
        for (OrderView order : open) {
            jdbc.sql("update curtailment_order set revision = ?, status = ?, updated_at = ? where order_id = ?")
                    .params(warning.revision(), status.name(), Timestamp.from(now), UUID.fromString(order.orderId())).update();
            transition(UUID.fromString(order.orderId()), order.warningId(), warning.revision(), order.enterpriseId(),
                    order.regionId(), order.level(), status, order.measures(), "system", note, now);
        }
        return open.size();
    }

    /**
     * Acknowledges an order for the revision the enterprise names. An acknowledgement of an older revision is
     * recorded in the history but does not satisfy the current one (409). An order of another enterprise is
     * answered as not found, so enterprises cannot probe each other's orders.
     */
    @Transactional(noRollbackFor = ApiProblem.class) // a stale answer stays recorded
    public OrderView acknowledge(String enterpriseId, UUID orderId, int revision, String note, String actor) {
        OrderView order = lockOwn(enterpriseId, orderId);
        checkRevision(order, revision, actor, "acknowledgement");
        if (order.status() == OrderStatus.ACKNOWLEDGED) {
            return order; // the same acknowledgement again: nothing changes
        }
        checkAnswerable(order);
        Instant now = now();
        // the answer is the updated row itself (returning): no second read of the order
        OrderView acknowledged = jdbc.sql("""
                        update curtailment_order set status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?,
                          ack_note = ?, cannot_comply_code = null, cannot_comply_reason = null, updated_at = ? where order_id = ?
                        returning
                        """ + COLUMNS)
                .params(Timestamp.from(now), actor, note, Timestamp.from(now), orderId)
                .query(OrderService::view).single();
        transition(orderId, order.warningId(), revision, enterpriseId, order.regionId(), order.level(),
                OrderStatus.ACKNOWLEDGED, order.measures(), actor, note, now);
        return acknowledged;
    }

    /** One enterprise's acknowledgement in {@link #acknowledgeAll}. */
    public record Ack(String enterpriseId, UUID orderId, int revision, String note, String actor) {
    }

    /** What {@link #acknowledge} would have returned ({@code order}) or thrown ({@code refusal}). */
    public record AckOutcome(OrderView order, ApiProblem refusal) {
    }

    private static final Set<OrderStatus> ACKNOWLEDGEABLE = EnumSet.complementOf(EnumSet.of(OrderStatus.ACKNOWLEDGED,
            OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.SUPERSEDED));

    /**
     * {@link #acknowledge} for many orders in the caller's transaction (group commit of concurrent acks), with the
     * same outcome per ack, but set-based: the orders locked with one SELECT (in id order, so two batches never
     * deadlock on each other), stale answers recorded with one INSERT, the acknowledged orders changed through
     * {@link OrderTransitions#changeAll} (one {@link OrdersChanged}) and their answer fields set with one UPDATE.
     * At most one ack per order (the caller keeps later ones for after the commit, as if sequential).
     *
     * @return one outcome per ack, in the order given
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<AckOutcome> acknowledgeAll(List<Ack> acks) {
        if (acks.isEmpty()) {
            return List.of();
        }
        Map<UUID, OrderView> locked = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from curtailment_order where order_id = any(?::uuid[]) order by order_id for update")
                .param(acks.stream().map(a -> a.orderId().toString()).toArray(String[]::new))
                .query(OrderService::view).list()
                .forEach(order -> locked.put(UUID.fromString(order.orderId()), order));
        AckOutcome[] outcomes = new AckOutcome[acks.size()];
        List<Ack> stale = new ArrayList<>();
        List<OrderTransitions.Change> changes = new ArrayList<>();
        List<Integer> changing = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            Ack ack = acks.get(i);
            OrderView order = locked.get(ack.orderId());
            if (order == null || !order.enterpriseId().equals(ack.enterpriseId())) {
                outcomes[i] = new AckOutcome(null, ApiProblem.notFound("no order " + ack.orderId() + " for this enterprise"));
            } else if (order.revision() != ack.revision()) {
                stale.add(ack);
                outcomes[i] = new AckOutcome(null, revisionMismatch(order, ack.revision(), "acknowledgement"));
            } else if (order.status() == OrderStatus.ACKNOWLEDGED) {
                outcomes[i] = new AckOutcome(order, null); // the same acknowledgement again: nothing changes
            } else if (!OPEN.contains(order.status())) {
                outcomes[i] = new AckOutcome(null, closed(order));
            } else {
                changes.add(new OrderTransitions.Change(ack.orderId(), ack.revision(), ack.note(), ack.actor()));
                changing.add(i);
            }
        }
        if (!stale.isEmpty()) {
            jdbc.sql("""
                            insert into order_history (order_id, revision, status, actor, note)
                            select order_id, revision, 'STALE_ANSWER', actor, note
                            from unnest(?::uuid[], ?::int[], ?::text[], ?::text[]) as h(order_id, revision, actor, note)""")
                    .params(stale.stream().map(a -> a.orderId().toString()).toArray(String[]::new),
                            stale.stream().map(Ack::revision).toArray(Integer[]::new),
                            stale.stream().map(Ack::actor).toArray(String[]::new),
                            stale.stream().map(a -> "acknowledgement of revision " + a.revision()
                                    + " while the order is at revision " + locked.get(a.orderId()).revision()).toArray(String[]::new))
                    .update();
        }
        if (!changes.isEmpty()) {
            Set<UUID> changed = transitions.changeAll(changes, ACKNOWLEDGEABLE, OrderStatus.ACKNOWLEDGED, null);
            if (changed.size() != changes.size()) {
                // cannot happen while the rows are locked and checked; fail the batch rather than answer wrongly
                throw new IllegalStateException(changes.size() - changed.size() + " locked orders did not change");
            }
            Map<UUID, OrderView> acknowledged = new HashMap<>();
            jdbc.sql("""
                            update curtailment_order o set acknowledged_at = o.updated_at, acknowledged_by = a.actor,
                              ack_note = a.note, cannot_comply_code = null, cannot_comply_reason = null
                            from unnest(?::uuid[], ?::text[], ?::text[]) as a(order_id, actor, note)
                            where o.order_id = a.order_id
                            returning
                            """ + ORDER_COLUMNS)
                    .params(changes.stream().map(c -> c.orderId().toString()).toArray(String[]::new),
                            changes.stream().map(OrderTransitions.Change::actor).toArray(String[]::new),
                            changes.stream().map(OrderTransitions.Change::note).toArray(String[]::new))
                    .query(OrderService::view).list()
                    .forEach(order -> acknowledged.put(UUID.fromString(order.orderId()), order));
            for (int i : changing) {
                outcomes[i] = new AckOutcome(acknowledged.get(acks.get(i).orderId()), null);
            }
        }
        return List.of(outcomes);
    }

    /** The enterprise cannot carry out the measures of this revision: a reason code and text, for officers. */
    @Transactional(noRollbackFor = ApiProblem.class)
    public OrderView cannotComply(String enterpriseId, UUID orderId, int revision, String code, String reason, String actor) {
        OrderView order = lockOwn(enterpriseId, orderId);
        checkRevision(order, revision, actor, "cannot-comply");
        checkAnswerable(order);
        Instant now = now();
        jdbc.sql("""
                        update curtailment_order set status = 'CANNOT_COMPLY', cannot_comply_code = ?, cannot_comply_reason = ?,
                          updated_at = ? where order_id = ?""")
                .params(code, reason, Timestamp.from(now), orderId)
                .update();
        transition(orderId, order.warningId(), revision, enterpriseId, order.regionId(), order.level(),
                OrderStatus.CANNOT_COMPLY, order.measures(), actor, code + ": " + reason, now);
        return find(orderId).orElseThrow();
    }

    private OrderView lockOwn(String enterpriseId, UUID orderId) {
        return jdbc.sql("select " + COLUMNS + " from curtailment_order where order_id = ? and enterprise_id = ? for update")
                .params(orderId, enterpriseId)
                .query(OrderService::view).optional()
                .orElseThrow(() -> ApiProblem.notFound("no order " + orderId + " for this enterprise"));
    }

    private void checkRevision(OrderView order, int revision, String actor, String what) {
        if (order.revision() != revision) {
            // kept in the history, so officers see the enterprise answered, if late
            jdbc.sql("insert into order_history (order_id, revision, status, actor, note) values (?, ?, ?, ?, ?)")
                    .params(UUID.fromString(order.orderId()), revision, "STALE_ANSWER", actor,
                            what + " of revision " + revision + " while the order is at revision " + order.revision())
                    .update();
            throw revisionMismatch(order, revision, what);
        }
    }

    private static ApiProblem revisionMismatch(OrderView order, int revision, String what) {
        return ApiProblem.conflict("revision-mismatch", "the order is at revision " + order.revision()
                + "; this " + what + " names revision " + revision + ". Read the order again and answer its current revision.");
    }

    private static void checkAnswerable(OrderView order) {
        if (!OPEN.contains(order.status())) {
            throw closed(order);
        }
    }

    private static ApiProblem closed(OrderView order) {
        return ApiProblem.conflict("order-closed", "the order is " + order.status() + " and can no longer be answered");
    }

    @Transactional(readOnly = true)
    public List<OrderView> ofEnterprise(String enterpriseId, OrderStatus status) {
        return jdbc.sql("select " + COLUMNS + " from curtailment_order where enterprise_id = :e"
                        + " and (cast(:status as text) is null or status = :status) order by created_at desc limit 500")
                .param("e", enterpriseId).param("status", status == null ? null : status.name())
                .query(OrderService::view).list();
    }

    @Transactional(readOnly = true)
    public List<OrderView> ofWarning(UUID warningId) {
        return jdbc.sql("select " + COLUMNS + " from curtailment_order where warning_id = ? order by enterprise_id")
                .param(warningId).query(OrderService::view).list();
    }

    @Transactional(readOnly = true)
    public Optional<OrderView> find(UUID orderId) {
        return jdbc.sql("select " + COLUMNS + " from curtailment_order where order_id = ?")
                .param(orderId).query(OrderService::view).optional();
    }

    /** A history row, an order event and an {@link OrderChanged} for one state change. */
    private void transition(UUID orderId, String warningId, int revision, String enterpriseId, String regionId,
                            WarningLevel level, OrderStatus status, List<String> measures, String actor, String note,
                            Instant now) {
        transitions.record(orderId, warningId, revision, enterpriseId, regionId, level, status, measures, actor, note, now);
    }

    private static Instant now() {
        return OrderTransitions.now();
    }

    private static OrderView view(ResultSet rs, int row) throws SQLException {
        Timestamp ack = rs.getTimestamp("acknowledged_at");
        Timestamp deadline = rs.getTimestamp("ack_deadline");
        return new OrderView(rs.getString("order_id"), rs.getString("warning_id"), rs.getInt("revision"),
                rs.getString("enterprise_id"), rs.getString("region_id"), WarningLevel.valueOf(rs.getString("level")),
                rs.getString("mode"), OrderStatus.valueOf(rs.getString("status")),
                EventJson.mapper().readValue(rs.getString("measures"), STRINGS),
                rs.getTimestamp("created_at").toInstant(), deadline == null ? null : deadline.toInstant(),
                ack == null ? null : ack.toInstant(), rs.getString("acknowledged_by"), rs.getString("ack_note"),
                rs.getString("cannot_comply_code"), rs.getString("cannot_comply_reason"));
    }
}
