package io.lantian.dispatch.delivery;

import io.lantian.platform.problem.ApiProblem;
import io.lantian.dispatch.list.StoredWebhookSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What officers ask of delivery: send an order revision again, or send a test order to one enterprise. */
@Service
public class DeliveryRequests {

    private static final Set<String> CLOSED = Set.of("CANCELLED", "COMPLETED", "SUPERSEDED");

    private final JdbcClient jdbc;
    private final DeliveryStore store;
    private final DeliveryLog deliveries;
    private final DeliveryProperties properties;
    private final StoredWebhookSecrets secrets;

    DeliveryRequests(JdbcClient jdbc, DeliveryStore store, DeliveryLog deliveries, DeliveryProperties properties,
                     StoredWebhookSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.store = store;
        this.deliveries = deliveries;
        this.properties = properties;
    }

    private record Delivery(UUID deliveryId, String state, Timestamp leaseUntil) {
    }

    private record Webhook(String enterpriseId, String regionId, String deliveryMode, String webhookUrl,
                           String webhookSecrets) {
    }

    /**
     * Sends the order's current revision again, as a new series of attempts, with the same webhook-id (it is
     * the same message: a receiver that has it already answers 2xx and does nothing). Also for a revision
     * that was never pushed, e.g. because the enterprise switched to webhooks later, and for a test order.
     */
    @Transactional
    public DeliveryView redeliver(UUID orderId, String actor) {
        // locked first, so the revision cannot move on while the re-send is set up
        Optional<String> status = jdbc.sql("select status from curtailment_order where order_id = ? for update")
                .param(orderId).query(String.class).optional();
        Optional<DeliveryStore.DueOrder> order = status.flatMap(locked -> store.currentRevision(orderId));
        int revision;
        if (order.isPresent()) {
            if (CLOSED.contains(status.get())) {
                throw ApiProblem.conflict("order-closed", "the order is " + status.get() + "; there is nothing to send");
            }
            requireWebhook(order.get().enterpriseId());
            revision = order.get().revision();
            store.insertForOrder(order.get(), properties.publicBaseUrl()); // no-op when the revision has a delivery
        } else {
            // a test order has no order row, only its delivery
            revision = jdbc.sql("select revision from delivery where order_id = ? and test")
                    .param(orderId).query(Integer.class).optional()
                    .orElseThrow(() -> ApiProblem.notFound("no order " + orderId));
        }
        Delivery delivery = jdbc.sql("select delivery_id, state, lease_until from delivery where order_id = ? and revision = ? for update")
                .params(orderId, revision).query(Delivery.class).single();
        if ("IN_FLIGHT".equals(delivery.state()) && delivery.leaseUntil().toInstant().isAfter(Instant.now())) {
            throw ApiProblem.conflict("delivery-in-flight", "an attempt of this delivery is under way; read the delivery log"
                    + " and ask again if it fails");
        }
        jdbc.sql("""
                        update delivery set state = 'PENDING', series_base = attempts, next_attempt_at = now(),
                          lease_until = null, leased_by = null, updated_at = now()
                        where delivery_id = ?""")
                .param(delivery.deliveryId()).update();
        if (order.isPresent()) {
            // who asked, kept with the order (a history row without an event: the order's state did not change)
            jdbc.sql("insert into order_history (order_id, revision, status, actor, note) values (?, ?, ?, ?, ?)")
                    .params(orderId, revision, "REDELIVERY_REQUESTED", actor, "webhook re-send requested").update();
        }
        return deliveries.of(orderId, revision).orElseThrow();
    }

    /**
     * A test order for one enterprise, pushed like a real one (same signing, retries and guards), so the
     * enterprise can check its integration. It creates no order: it exists only as a delivery, under a fresh
     * order id, with {@code type = order.test} and {@code data.test = true}.
     */
    @Transactional
    public DeliveryView sendTestOrder(String enterpriseId) {
        Webhook webhook = requireWebhook(enterpriseId);
        UUID testOrderId = UUID.randomUUID();
        store.insertTest(testOrderId, enterpriseId, WebhookMessage.forTest(testOrderId.toString(), enterpriseId,
                webhook.regionId(), Instant.now()));
        return deliveries.of(testOrderId, 1).orElseThrow();
    }

    /** The enterprise's webhook settings, refused up front (409) when they cannot work. */
    private Webhook requireWebhook(String enterpriseId) {
        Webhook webhook = jdbc.sql("""
                        select enterprise_id, region_id, delivery_mode, webhook_url, webhook_secrets
                        from enterprise where enterprise_id = ?""")
                .param(enterpriseId).query(Webhook.class).optional()
                .orElseThrow(() -> ApiProblem.notFound("no enterprise " + enterpriseId));
        if (!"WEBHOOK".equals(webhook.deliveryMode())) {
            throw notConfigured(enterpriseId + " takes its orders by pull (delivery mode " + webhook.deliveryMode() + ")");
        }
        try {
            WebhookClient.webhookUri(webhook.webhookUrl());
            if (WebhookSecret.parseAll(secrets.openText(webhook.webhookSecrets())).isEmpty()) {
                throw new IllegalArgumentException("the enterprise has no webhook secret");
            }
        } catch (IllegalArgumentException e) {
            throw notConfigured(e.getMessage());
        }
        return webhook;
    }

    private static ApiProblem notConfigured(String detail) {
        return ApiProblem.conflict("delivery-not-configured", detail);
    }
}
