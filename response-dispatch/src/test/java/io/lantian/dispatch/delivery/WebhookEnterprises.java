package io.lantian.dispatch.delivery;

import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.dispatch.list.StoredWebhookSecrets;
import io.lantian.platform.kafka.EventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Enterprises of a test region of their own (the module's tests share one database), with webhook settings,
 * and warnings for that region through the real broker.
 */
final class WebhookEnterprises {

    final String regionId = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final JdbcClient jdbc;
    private final EventPublisher publisher;
    private final StoredWebhookSecrets secrets;
    private int count;

    WebhookEnterprises(JdbcClient jdbc, EventPublisher publisher, StoredWebhookSecrets secrets) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.secrets = secrets;
    }

    /**
     * A listed enterprise of the test region that takes its orders by webhook, its secrets sealed as the
     * service stores them. @return its id
     */
    String add(String webhookUrl, String spaceSeparatedSecrets) {
        return add("WEBHOOK", webhookUrl, spaceSeparatedSecrets);
    }

    String add(String deliveryMode, String webhookUrl, String spaceSeparatedSecrets) {
        String id = "T" + regionId.substring(5) + String.format("%09d", ++count); // 18 characters, like a credit code
        jdbc.sql("""
                        insert into enterprise (enterprise_id, name, region_id, grade, list_year, delivery_mode, webhook_url, webhook_secrets)
                        values (?, ?, ?, 'B', (select coalesce(max(year), 0) from reduction_list), ?, ?, ?)""")
                .params(id, "测试企业 " + count, regionId, deliveryMode, webhookUrl, spaceSeparatedSecrets == null ? null
                        : secrets.seal(List.of(spaceSeparatedSecrets.trim().split("\\s+")))).update();
        int position = 0;
        for (WarningLevel level : List.of(WarningLevel.YELLOW, WarningLevel.ORANGE, WarningLevel.RED)) {
            jdbc.sql("insert into enterprise_measure (enterprise_id, level, position, measure) values (?, ?, ?, ?)")
                    .params(id, level.name(), position, level == WarningLevel.RED ? "烧结工序停产" : "烧结工序限产 30%").update();
        }
        return id;
    }

    /** Publishes a warning revision for the test region. @return the warning id */
    String warn(String warningId, int revision, Action action, WarningLevel level) throws Exception {
        publisher.publish(Topics.WARNINGS, regionId, new WarningEvent(warningId, revision, regionId, action, level,
                Instant.now(), "test", "officer-zhang", Instant.now())).get();
        return warningId;
    }

    String issue(WarningLevel level) throws Exception {
        return warn(UUID.randomUUID().toString(), 1, Action.ISSUED, level);
    }

    /** Waits until the warning has made {@code count} orders at {@code revision}. @return their ids */
    List<String> awaitOrders(String warningId, int revision, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> orderIds(warningId, revision).size() == count);
        return orderIds(warningId, revision);
    }

    String orderOf(String warningId, String enterpriseId) {
        return jdbc.sql("select order_id::text from curtailment_order where warning_id = ? and enterprise_id = ?")
                .params(UUID.fromString(warningId), enterpriseId).query(String.class).single();
    }

    private List<String> orderIds(String warningId, int revision) {
        return jdbc.sql("select order_id::text from curtailment_order where warning_id = ? and revision = ? order by enterprise_id")
                .params(UUID.fromString(warningId), revision).query(String.class).list();
    }

    String status(String orderId) {
        return jdbc.sql("select status from curtailment_order where order_id = ?")
                .param(UUID.fromString(orderId)).query(String.class).single();
    }

    String deliveryState(String orderId, int revision) {
        return jdbc.sql("select state from delivery where order_id = ? and revision = ?")
                .params(UUID.fromString(orderId), revision).query(String.class).optional().orElse("NONE");
    }

    /** History rows of the order with this status (at any revision). */
    int historyCount(String orderId, String status) {
        return jdbc.sql("select count(*) from order_history where order_id = ? and status = ?")
                .params(UUID.fromString(orderId), status).query(Integer.class).single();
    }

    /** Order events in the outbox for this order and status (the relay publishes them as they are). */
    int eventCount(String orderId, int revision, String status) {
        return jdbc.sql("""
                        select count(*) from outbox where topic = ? and payload like ? and payload like ? and payload like ?""")
                .params(Topics.ORDER_EVENTS.name(), "%\"orderId\":\"" + orderId + "\"%", "%\"status\":\"" + status + "\"%",
                        "%\"revision\":" + revision + ",%")
                .query(Integer.class).single();
    }
}
