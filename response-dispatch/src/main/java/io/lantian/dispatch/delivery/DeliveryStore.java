package io.lantian.dispatch.delivery;

import io.lantian.common.json.EventJson;
import io.lantian.dispatch.list.StoredWebhookSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code delivery} table: which order revisions are to be pushed, claimed by which worker until when,
 * and the attempt log. Every statement is short; no transaction here spans an HTTP call.
 */
@Repository
public class DeliveryStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;

    private final StoredWebhookSecrets secrets;

    DeliveryStore(JdbcClient jdbc, StoredWebhookSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** A PENDING order revision of a webhook enterprise. */
    record DueOrder(UUID orderId, UUID warningId, int revision, String enterpriseId, String regionId, String level,
                    String mode, String measures, Timestamp ackDeadline, boolean revised) {
    }

    /** A delivery claimed by this worker, with the enterprise's current webhook settings. */
    record Claimed(UUID deliveryId, UUID orderId, int revision, String enterpriseId, boolean test, String eventType,
                   String messageId, String payload, int attempts, int seriesBase, String webhookUrl,
                   String webhookSecrets) {

        /** The attempt just claimed, counted from 1 in its series. */
        int attemptInSeries() {
            return attempts - seriesBase;
        }

        WebhookMessage message() {
            return new WebhookMessage(messageId, eventType, payload);
        }
    }

    /**
     * PENDING order revisions of webhook enterprises that have no delivery yet get one. Every replica runs
     * this; the unique (order, revision) makes a second insert a no-op.
     *
     * @return deliveries created
     */
    int enqueueNewRevisions(String publicBaseUrl, int limit) {
        List<DueOrder> due = jdbc.sql("""
                        select o.order_id, o.warning_id, o.revision, o.enterprise_id, o.region_id, o.level, o.mode,
                          o.measures, o.ack_deadline,
                          exists (select 1 from order_history h where h.order_id = o.order_id and h.status = 'SUPERSEDED') as revised
                        from curtailment_order o join enterprise e on e.enterprise_id = o.enterprise_id
                        where o.status = 'PENDING' and e.delivery_mode = 'WEBHOOK'
                          and not exists (select 1 from delivery d where d.order_id = o.order_id and d.revision = o.revision)
                        order by o.created_at limit ?""")
                .param(limit).query(DueOrder.class).list();
        int created = 0;
        for (DueOrder order : due) {
            created += insertForOrder(order, publicBaseUrl) ? 1 : 0;
        }
        return created;
    }

    /**
     * The given orders that are PENDING at a webhook enterprise and have no delivery for their revision yet
     * get one, and their earlier revisions' deliveries not yet made are dropped: one UPDATE, one SELECT and one
     * INSERT however many orders (for the transaction that creates them). The unique (order, revision) makes a
     * repeat a no-op.
     *
     * @return deliveries created
     */
    int enqueueOrders(Collection<UUID> orderIds, String publicBaseUrl) {
        if (orderIds.isEmpty()) {
            return 0;
        }
        String[] ids = orderIds.stream().map(UUID::toString).toArray(String[]::new);
        // the revisions these replace are dropped in the same transaction, not first at the worker's next poll:
        // otherwise the new revision, due at once, could be delivered while the old one still waits for a retry
        jdbc.sql(DROP_STALE_OF_ORDERS + " and d.order_id = any(?::uuid[])").param(ids).update();
        List<DueOrder> due = jdbc.sql("""
                        select o.order_id, o.warning_id, o.revision, o.enterprise_id, o.region_id, o.level, o.mode,
                          o.measures, o.ack_deadline,
                          exists (select 1 from order_history h where h.order_id = o.order_id and h.status = 'SUPERSEDED') as revised
                        from curtailment_order o join enterprise e on e.enterprise_id = o.enterprise_id
                        where o.order_id = any(?::uuid[]) and o.status = 'PENDING' and e.delivery_mode = 'WEBHOOK'""")
                .param(ids)
                .query((rs, n) -> new DueOrder(rs.getObject("order_id", UUID.class), rs.getObject("warning_id", UUID.class),
                        rs.getInt("revision"), rs.getString("enterprise_id"), rs.getString("region_id"), rs.getString("level"),
                        rs.getString("mode"), rs.getString("measures"), rs.getTimestamp("ack_deadline"), rs.getBoolean("revised")))
                .list();
        if (due.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        List<WebhookMessage> messages = due.stream().map(order -> messageFor(order, publicBaseUrl, now)).toList();
        return jdbc.sql("""
                        insert into delivery (delivery_id, order_id, revision, enterprise_id, test, event_type, message_id,
                          payload, state, next_attempt_at)
                        select gen_random_uuid(), order_id, revision, enterprise_id, false, event_type, message_id, payload,
                          'PENDING', now()
                        from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                          as d(order_id, revision, enterprise_id, event_type, message_id, payload, i)
                        order by i
                        on conflict do nothing""")
                .params(due.stream().map(o -> o.orderId().toString()).toArray(String[]::new),
                        due.stream().map(DueOrder::revision).toArray(Integer[]::new),
                        due.stream().map(DueOrder::enterpriseId).toArray(String[]::new),
                        messages.stream().map(WebhookMessage::type).toArray(String[]::new),
                        messages.stream().map(WebhookMessage::id).toArray(String[]::new),
                        messages.stream().map(WebhookMessage::body).toArray(String[]::new))
                .update();
    }

    /** The order's current revision, if it is a webhook enterprise's, for an officer's re-send. */
    Optional<DueOrder> currentRevision(UUID orderId) {
        return jdbc.sql("""
                        select o.order_id, o.warning_id, o.revision, o.enterprise_id, o.region_id, o.level, o.mode,
                          o.measures, o.ack_deadline,
                          exists (select 1 from order_history h where h.order_id = o.order_id and h.status = 'SUPERSEDED') as revised
                        from curtailment_order o where o.order_id = ?""")
                .param(orderId).query(DueOrder.class).optional();
    }

    boolean insertForOrder(DueOrder order, String publicBaseUrl) {
        return insert(order.orderId(), order.revision(), order.enterpriseId(), false,
                messageFor(order, publicBaseUrl, Instant.now()));
    }

    private static WebhookMessage messageFor(DueOrder order, String publicBaseUrl, Instant now) {
        return WebhookMessage.forOrder(order.orderId().toString(), order.warningId().toString(),
                order.revision(), order.enterpriseId(), order.regionId(), order.level(), order.mode(),
                EventJson.mapper().readValue(order.measures(), STRINGS),
                order.ackDeadline() == null ? null : order.ackDeadline().toInstant(), !order.revised(), publicBaseUrl,
                now);
    }

    boolean insertTest(UUID testOrderId, String enterpriseId, WebhookMessage message) {
        return insert(testOrderId, 1, enterpriseId, true, message);
    }

    private boolean insert(UUID orderId, int revision, String enterpriseId, boolean test, WebhookMessage message) {
        return jdbc.sql("""
                        insert into delivery (delivery_id, order_id, revision, enterprise_id, test, event_type, message_id,
                          payload, state, next_attempt_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', now())
                        on conflict do nothing""")
                .params(UUID.randomUUID(), orderId, revision, enterpriseId, test, message.type(), message.id(),
                        message.body())
                .update() == 1;
    }

    /** Deliveries not yet made of orders that moved to a newer revision, or were cancelled or completed. */
    private static final String DROP_STALE_OF_ORDERS = """
            update delivery d set state = 'DROPPED', lease_until = null, leased_by = null, updated_at = now(),
              last_error = case when o.status in ('CANCELLED', 'COMPLETED') then 'the order is ' || lower(o.status)
                                else 'superseded by revision ' || o.revision end
            from curtailment_order o
            where o.order_id = d.order_id and not d.test
              and (d.state = 'PENDING' or (d.state = 'IN_FLIGHT' and d.lease_until <= now()))
              and (o.revision <> d.revision or o.status in ('CANCELLED', 'COMPLETED'))""";

    /**
     * Deliveries not yet made that no longer make sense are dropped: the order moved to a newer revision
     * (which gets its own delivery), was cancelled or completed, or the enterprise no longer takes webhooks.
     * A delivery being sent right now is left alone; one whose lease ran out counts as not being sent.
     *
     * @return deliveries dropped
     */
    int dropStale() {
        int orders = jdbc.sql(DROP_STALE_OF_ORDERS).update();
        int switched = jdbc.sql("""
                        update delivery d set state = 'DROPPED', lease_until = null, leased_by = null, updated_at = now(),
                          last_error = 'the enterprise no longer takes webhooks'
                        from enterprise e
                        where e.enterprise_id = d.enterprise_id and e.delivery_mode <> 'WEBHOOK'
                          and (d.state = 'PENDING' or (d.state = 'IN_FLIGHT' and d.lease_until <= now()))""")
                .update();
        return orders + switched;
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code instance}: PENDING ones whose time has come, and
     * IN_FLIGHT ones whose lease ran out (their worker died or hung). {@code SKIP LOCKED} lets replicas claim
     * side by side without waiting for or ever taking the same row; the attempt is counted at the claim, so
     * even a delivery that crashes its worker every time runs out of attempts.
     */
    List<Claimed> claim(String instance, int limit, Duration lease) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                        with due as (
                          select delivery_id from delivery
                          where (state = 'PENDING' and next_attempt_at <= now())
                             or (state = 'IN_FLIGHT' and lease_until <= now())
                          order by next_attempt_at
                          limit :limit
                          for update skip locked)
                        update delivery d set state = 'IN_FLIGHT', attempts = d.attempts + 1, leased_by = :instance,
                          lease_until = now() + make_interval(secs => :leaseSeconds), updated_at = now()
                        from due, enterprise e
                        where d.delivery_id = due.delivery_id and e.enterprise_id = d.enterprise_id
                        returning d.delivery_id, d.order_id, d.revision, d.enterprise_id, d.test, d.event_type, d.message_id,
                          d.payload, d.attempts, d.series_base, e.webhook_url, e.webhook_secrets""")
                .param("limit", limit).param("instance", instance).param("leaseSeconds", lease.toMillis() / 1000.0)
                .query((rs, n) -> new Claimed(rs.getObject("delivery_id", UUID.class), rs.getObject("order_id", UUID.class),
                        rs.getInt("revision"), rs.getString("enterprise_id"), rs.getBoolean("test"), rs.getString("event_type"),
                        rs.getString("message_id"), rs.getString("payload"), rs.getInt("attempts"), rs.getInt("series_base"),
                        rs.getString("webhook_url"), rs.getString("webhook_secrets")))
                .list().stream().map(this::withOpenSecrets).toList(); // mapped by hand: cheaper than by reflection
    }

    private Claimed withOpenSecrets(Claimed c) {
        return new Claimed(c.deliveryId(), c.orderId(), c.revision(), c.enterpriseId(), c.test(), c.eventType(),
                c.messageId(), c.payload(), c.attempts(), c.seriesBase(), c.webhookUrl(), secrets.openText(c.webhookSecrets()));
    }

    /**
     * Hands a claimed delivery back untouched (its endpoint's bulkhead stayed full): nothing was sent, so the
     * attempt counted at the claim is taken back.
     */
    void release(Claimed claimed, String instance, Duration delay) {
        jdbc.sql("""
                        update delivery set state = 'PENDING', attempts = attempts - 1, lease_until = null, leased_by = null,
                          next_attempt_at = now() + make_interval(secs => :delay), updated_at = now()
                        where delivery_id = :id and state = 'IN_FLIGHT' and attempts = :attempts and leased_by = :instance""")
                .param("delay", delay.toMillis() / 1000.0).param("id", claimed.deliveryId())
                .param("attempts", claimed.attempts()).param("instance", instance)
                .update();
    }

    /** What became of a claimed delivery after its attempt. */
    enum Decision { DELIVERED, RETRY, UNDELIVERABLE }

    /** An attempt made for a claimed delivery, and what follows from it (retryIn: RETRY only). */
    record Attempted(Claimed claimed, AttemptResult result, Decision decision, Duration retryIn) {
    }

    /**
     * Records an attempt and its consequence — only if the claim still holds (same worker, same attempt: a
     * fencing token). When the lease ran out and another worker claimed the delivery meanwhile, the attempt is
     * still logged (it happened) but changes nothing.
     *
     * @param retryIn the delay before the next attempt (RETRY only)
     * @return whether the claim still held and the delivery changed
     */
    boolean record(Claimed claimed, String instance, AttemptResult result, Decision decision, Duration retryIn) {
        return recordAll(List.of(new Attempted(claimed, result, decision, retryIn)), instance).contains(claimed.deliveryId());
    }

    /**
     * {@link #record} for many attempts at once, set-based: one UPDATE of the deliveries whose claim still holds
     * and one INSERT of all attempt rows (a row per attempt, LEASE_LOST where the claim no longer held). Each
     * delivery at most once. Runs in the caller's transaction.
     *
     * @return the deliveries whose claim held and which changed
     */
    Set<UUID> recordAll(List<Attempted> attempts, String instance) {
        if (attempts.isEmpty()) {
            return Set.of();
        }
        Map<UUID, Instant> held = new HashMap<>();
        jdbc.sql("""
                        update delivery d set state = r.state, lease_until = null, leased_by = null, updated_at = now(),
                          next_attempt_at = case when r.state = 'PENDING' then now() + make_interval(secs => r.retry_in)
                                                 else d.next_attempt_at end,
                          delivered_at = case when r.state = 'DELIVERED' then now() else d.delivered_at end,
                          last_error = r.error
                        from unnest(?::uuid[], ?::int[], ?::text[], ?::float8[], ?::text[]) as r(delivery_id, attempts, state, retry_in, error)
                        where d.delivery_id = r.delivery_id and d.state = 'IN_FLIGHT' and d.attempts = r.attempts
                          and d.leased_by = ?
                        returning d.delivery_id, d.next_attempt_at""")
                .params(column(attempts, a -> a.claimed().deliveryId().toString()),
                        attempts.stream().map(a -> a.claimed().attempts()).toArray(Integer[]::new),
                        column(attempts, a -> switch (a.decision()) {
                            case DELIVERED -> "DELIVERED";
                            case RETRY -> "PENDING";
                            case UNDELIVERABLE -> "UNDELIVERABLE";
                        }),
                        attempts.stream().map(a -> a.retryIn() == null ? 0.0 : a.retryIn().toMillis() / 1000.0).toArray(Double[]::new),
                        column(attempts, a -> a.decision() == Decision.DELIVERED ? null : summary(a.result())),
                        instance)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
                .list().forEach(row -> held.put(row.getKey(), row.getValue()));
        jdbc.sql("""
                        insert into delivery_attempt (delivery_id, attempt, started_at, outcome, http_status, latency_ms,
                          response_excerpt, error, retry_after_ms, decision, next_attempt_at, instance)
                        select delivery_id, attempt, started_at, outcome, http_status, latency_ms, response_excerpt, error,
                          retry_after_ms, decision, next_attempt_at, ?
                        from unnest(?::uuid[], ?::int[], ?::timestamptz[], ?::text[], ?::int[], ?::bigint[], ?::text[], ?::text[],
                          ?::bigint[], ?::text[], ?::timestamptz[]) with ordinality
                          as a(delivery_id, attempt, started_at, outcome, http_status, latency_ms, response_excerpt, error,
                               retry_after_ms, decision, next_attempt_at, i)
                        order by i""")
                .params(instance,
                        column(attempts, a -> a.claimed().deliveryId().toString()),
                        attempts.stream().map(a -> a.claimed().attempts()).toArray(Integer[]::new),
                        column(attempts, a -> a.result().startedAt().toString()),
                        column(attempts, a -> a.result().outcome().name()),
                        attempts.stream().map(a -> a.result().httpStatus()).toArray(Integer[]::new),
                        attempts.stream().map(a -> a.result().latency() == null ? null : a.result().latency().toMillis())
                                .toArray(Long[]::new),
                        column(attempts, a -> a.result().responseExcerpt()),
                        column(attempts, a -> a.result().error()),
                        attempts.stream().map(a -> a.result().retryAfter() == null ? null : a.result().retryAfter().toMillis())
                                .toArray(Long[]::new),
                        column(attempts, a -> held.containsKey(a.claimed().deliveryId()) ? a.decision().name() : "LEASE_LOST"),
                        column(attempts, a -> a.decision() == Decision.RETRY && held.containsKey(a.claimed().deliveryId())
                                ? held.get(a.claimed().deliveryId()).toString() : null))
                .update();
        return held.keySet();
    }

    private static String[] column(List<Attempted> attempts, Function<Attempted, String> value) {
        return attempts.stream().map(value).toArray(String[]::new);
    }

    /** One line for the delivery's {@code last_error} and the order history. */
    static String summary(AttemptResult result) {
        StringBuilder text = new StringBuilder(result.outcome().name());
        if (result.httpStatus() != null) {
            text.append(" (HTTP ").append(result.httpStatus()).append(')');
        }
        if (result.error() != null) {
            text.append(": ").append(result.error());
        }
        return text.length() > 500 ? text.substring(0, 500) : text.toString();
    }
}
