package io.lantian.dispatch.order;

import io.lantian.common.events.OrderEvent;
import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topics;
import io.lantian.platform.outbox.Outbox;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one place an order's state change is recorded: its history row, its event on
 * {@code dispatch.order-events.v1} (outbox) and an {@link OrderChanged} for in-process listeners, all in the
 * caller's transaction. {@link #change} is for the changes other features cause (delivered, undeliverable,
 * escalated, non-compliant): it applies only while the order is still at the named revision and in one of the
 * states it may leave that way, so a late result never overwrites an acknowledgement or a newer revision.
 */
@Component
public class OrderTransitions {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;

    OrderTransitions(JdbcClient jdbc, Outbox outbox, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.events = events;
    }

    /** @return whether the order was at {@code revision} in one of {@code from} and is now {@code to} */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean change(UUID orderId, int revision, Set<OrderStatus> from, OrderStatus to, String actor, String note) {
        Instant now = now();
        var changed = jdbc.sql("""
                        update curtailment_order set status = :to, updated_at = :now
                        where order_id = :id and revision = :revision and status in (:from)
                        returning warning_id, enterprise_id, region_id, level, measures""")
                .param("to", to.name()).param("now", Timestamp.from(now)).param("id", orderId)
                .param("revision", revision).param("from", from.stream().map(Enum::name).toList())
                .query(Changed.class).optional();
        if (changed.isEmpty()) {
            return false;
        }
        Changed order = changed.get();
        record(orderId, order.warningId(), revision, order.enterpriseId(), order.regionId(),
                WarningLevel.valueOf(order.level()), to, EventJson.mapper().readValue(order.measures(), STRINGS), actor,
                note, now);
        return true;
    }

    /**
     * One order's change in {@link #changeAll}: the revision it must still be at, the history note, and who made
     * it (null: the {@code actor} given to {@code changeAll}; enterprises' answers batched together each have their own).
     */
    public record Change(UUID orderId, int revision, String note, String actor) {

        public Change(UUID orderId, int revision, String note) {
            this(orderId, revision, note, null);
        }
    }

    /**
     * {@link #change} for many orders at once, with the same semantics per order (applies only at the named
     * revision and from one of {@code from}; one history row and one order event per order that changed; one
     * {@link OrdersChanged} for them all), but set-based: one UPDATE, one INSERT of the history rows and one batch of outbox
     * rows, however many orders. For workers that record many results in one transaction (webhook delivery).
     * At most one change per order.
     *
     * @return the orders that changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<UUID> changeAll(Collection<Change> changes, Set<OrderStatus> from, OrderStatus to, String actor) {
        if (changes.isEmpty()) {
            return Set.of();
        }
        Instant now = now();
        List<ChangedRow> changed = jdbc.sql("""
                        update curtailment_order o set status = ?, updated_at = ?
                        from unnest(?::uuid[], ?::int[], ?::text[], ?::text[]) as c(order_id, revision, note, actor)
                        where o.order_id = c.order_id and o.revision = c.revision and o.status = any(?::text[])
                        returning o.order_id, o.revision, o.warning_id, o.enterprise_id, o.region_id, o.level, o.measures, c.note,
                          c.actor""")
                .params(to.name(), Timestamp.from(now),
                        changes.stream().map(c -> c.orderId().toString()).toArray(String[]::new),
                        changes.stream().map(Change::revision).toArray(Integer[]::new),
                        changes.stream().map(Change::note).toArray(String[]::new),
                        changes.stream().map(c -> c.actor() == null ? actor : c.actor()).toArray(String[]::new),
                        from.stream().map(Enum::name).toArray(String[]::new))
                .query((rs, n) -> new ChangedRow(rs.getObject("order_id", UUID.class), rs.getInt("revision"),
                        rs.getString("warning_id"), rs.getString("enterprise_id"), rs.getString("region_id"),
                        rs.getString("level"), rs.getString("measures"), rs.getString("note"), rs.getString("actor")))
                .list(); // mapped by hand: the reflective row mapper cost more than the statement, per row
        if (changed.isEmpty()) {
            return Set.of();
        }
        jdbc.sql("""
                        insert into order_history (order_id, revision, status, actor, note)
                        select order_id, revision, ?, actor, note
                        from unnest(?::uuid[], ?::int[], ?::text[], ?::text[]) as h(order_id, revision, note, actor)""")
                .params(to.name(), changed.stream().map(c -> c.orderId().toString()).toArray(String[]::new),
                        changed.stream().map(ChangedRow::revision).toArray(Integer[]::new),
                        changed.stream().map(ChangedRow::note).toArray(String[]::new),
                        changed.stream().map(ChangedRow::actor).toArray(String[]::new))
                .update();
        List<OrderEvent> events = new ArrayList<>(changed.size());
        for (ChangedRow row : changed) {
            events.add(new OrderEvent(row.orderId().toString(), row.warningId(), row.revision(), row.enterpriseId(),
                    row.regionId(), WarningLevel.valueOf(row.level()), to, EventJson.mapper().readValue(row.measures(), STRINGS),
                    row.note(), now));
        }
        outbox.appendAll(Topics.ORDER_EVENTS, events, OrderEvent::enterpriseId);
        this.events.publishEvent(new OrdersChanged(to, changed.stream().map(row -> new OrderChanged(row.orderId(),
                row.warningId(), row.revision(), row.enterpriseId(), row.regionId(), WarningLevel.valueOf(row.level()), to,
                row.actor(), now)).toList()));
        return changed.stream().map(ChangedRow::orderId).collect(Collectors.toUnmodifiableSet());
    }

    private record ChangedRow(UUID orderId, int revision, String warningId, String enterpriseId, String regionId,
                              String level, String measures, String note, String actor) {
    }

    /** One order's change the caller has written already, for {@link #recordAll}. */
    public record Recorded(UUID orderId, String warningId, int revision, String enterpriseId, String regionId,
                           WarningLevel level, List<String> measures, String note) {
    }

    /**
     * {@link #record} for many orders that moved to the same {@code status}, set-based: one INSERT of the history
     * rows and one batch of outbox rows (in list order); one {@link OrdersChanged} for them all.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<Recorded> changes, OrderStatus status, String actor, Instant now) {
        if (changes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into order_history (order_id, revision, status, actor, note)
                        select order_id, revision, ?, ?, note from unnest(?::uuid[], ?::int[], ?::text[]) with ordinality
                          as h(order_id, revision, note, i) order by i""")
                .params(status.name(), actor, changes.stream().map(c -> c.orderId().toString()).toArray(String[]::new),
                        changes.stream().map(Recorded::revision).toArray(Integer[]::new),
                        changes.stream().map(Recorded::note).toArray(String[]::new))
                .update();
        outbox.appendAll(Topics.ORDER_EVENTS, changes.stream().map(c -> new OrderEvent(c.orderId().toString(),
                c.warningId(), c.revision(), c.enterpriseId(), c.regionId(), c.level(), status, c.measures(), c.note(),
                now)).toList(), OrderEvent::enterpriseId);
        events.publishEvent(new OrdersChanged(status, changes.stream().map(c -> new OrderChanged(c.orderId(),
                c.warningId(), c.revision(), c.enterpriseId(), c.regionId(), c.level(), status, actor, now)).toList()));
    }

    /** History row, order event and {@link OrderChanged} for a change the caller has written already. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID orderId, String warningId, int revision, String enterpriseId, String regionId,
                       WarningLevel level, OrderStatus status, List<String> measures, String actor, String note,
                       Instant now) {
        jdbc.sql("insert into order_history (order_id, revision, status, actor, note) values (?, ?, ?, ?, ?)")
                .params(orderId, revision, status.name(), actor, note)
                .update();
        outbox.append(Topics.ORDER_EVENTS, enterpriseId, new OrderEvent(orderId.toString(), warningId, revision,
                enterpriseId, regionId, level, status, measures, note, now));
        events.publishEvent(new OrderChanged(orderId, warningId, revision, enterpriseId, regionId, level, status, actor, now));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private record Changed(String warningId, String enterpriseId, String regionId, String level, String measures) {
    }
}
