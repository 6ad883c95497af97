package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.dispatch.list.StoredWebhookSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Enterprises of a test region of their own (the module's tests share one database), with a township or none
 * and either delivery mode; warnings for the region through the real broker; what escalation left in the tables.
 */
final class EscalationRegion {

    static final Duration WAIT = Duration.ofSeconds(30);

    final String regionId = "esc-" + UUID.randomUUID().toString().substring(0, 8);
    private final JdbcClient jdbc;
    private final EventPublisher publisher;
    private final StoredWebhookSecrets secrets;
    private int count;

    EscalationRegion(JdbcClient jdbc, EventPublisher publisher, StoredWebhookSecrets secrets) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.secrets = secrets;
    }

    /** A listed pull enterprise. @return its id */
    String pull(String township) {
        return add(township, "PULL", null, null);
    }

    String webhook(String township, String url, String secret) {
        return add(township, "WEBHOOK", url, secret);
    }

    /** A pull enterprise whose exemption (白名单) covers every level: its orders are EXEMPT. */
    String exempt(String township) {
        String id = pull(township);
        jdbc.sql("update enterprise set exemption = '白名单' where enterprise_id = ?").param(id).update();
        return id;
    }

    private String add(String township, String mode, String url, String secret) {
        String id = "E" + regionId.substring(4) + String.format("%09d", ++count); // 18 characters, like a credit code
        jdbc.sql("""
                        insert into enterprise (enterprise_id, name, region_id, township, grade, list_year, delivery_mode,
                          webhook_url, webhook_secrets)
                        values (?, ?, ?, ?, 'B', (select coalesce(max(year), 0) from reduction_list), ?, ?, ?)""")
                .params(id, name(id), regionId, township, mode, url, secret == null ? null : secrets.seal(List.of(secret))).update();
        for (WarningLevel level : List.of(WarningLevel.YELLOW, WarningLevel.ORANGE, WarningLevel.RED)) {
            jdbc.sql("insert into enterprise_measure (enterprise_id, level, position, measure) values (?, ?, 0, ?)")
                    .params(id, level.name(), level == WarningLevel.RED ? "烧结工序停产" : "烧结工序限产 30%").update();
        }
        return id;
    }

    String name(String enterpriseId) {
        return "测试企业 " + enterpriseId.substring(enterpriseId.length() - 2);
    }

    String issue(WarningLevel level) throws Exception {
        return warn(UUID.randomUUID().toString(), 1, Action.ISSUED, level);
    }

    String warn(String warningId, int revision, Action action, WarningLevel level) throws Exception {
        publisher.publish(Topics.WARNINGS, regionId, new WarningEvent(warningId, revision, regionId, action, level,
                Instant.now(), "test", "officer-zhang", Instant.now())).get();
        return warningId;
    }

    /** Waits for the enterprise's order of the warning at {@code revision}. @return its id */
    String awaitOrder(String warningId, String enterpriseId, int revision) {
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from curtailment_order where warning_id = ? and enterprise_id = ? and revision = ?")
                .params(UUID.fromString(warningId), enterpriseId, revision).query(Integer.class).single() == 1);
        return jdbc.sql("select order_id::text from curtailment_order where warning_id = ? and enterprise_id = ?")
                .params(UUID.fromString(warningId), enterpriseId).query(String.class).single();
    }

    String status(String orderId) {
        return jdbc.sql("select status from curtailment_order where order_id = ?")
                .param(UUID.fromString(orderId)).query(String.class).single();
    }

    record Step(int revision, int position, String action, int afterSeconds, Timestamp dueAt, String state,
                Timestamp doneAt, String instance, String note) {
    }

    List<Step> steps(String orderId) {
        return jdbc.sql("""
                        select revision, position, action, after_seconds, due_at, state, done_at, instance, note
                        from order_escalation_step where order_id = ? order by revision, position""")
                .param(UUID.fromString(orderId)).query(Step.class).list();
    }

    List<String> states(String orderId) {
        return steps(orderId).stream().map(Step::state).toList();
    }

    void awaitStep(String orderId, int position, String state) {
        await().atMost(WAIT).until(() -> steps(orderId).stream()
                .anyMatch(s -> s.position() == position && s.state().equals(state)));
    }

    record NoticeRow(String kind, String audience, String regionId, String township, String dedupKey, String text) {
    }

    /** The officers' notices about the order (their dedup keys name it). */
    List<NoticeRow> notices(String orderId) {
        return jdbc.sql("""
                        select kind, audience, region_id, township, dedup_key, text from officer_notice
                        where dedup_key like ? order by notice_id""")
                .param("%:" + orderId + ":%").query(NoticeRow.class).list();
    }

    List<String> history(String orderId, String status) {
        return jdbc.sql("select note from order_history where order_id = ? and status = ? order by id")
                .params(UUID.fromString(orderId), status).query(String.class).list();
    }

    /** Order events in the outbox for this order and status (the relay publishes them as they are). */
    int eventCount(String orderId, String status) {
        return jdbc.sql("select count(*) from outbox where topic = ? and payload like ? and payload like ?")
                .params(Topics.ORDER_EVENTS.name(), "%\"orderId\":\"" + orderId + "\"%", "%\"status\":\"" + status + "\"%")
                .query(Integer.class).single();
    }
}
