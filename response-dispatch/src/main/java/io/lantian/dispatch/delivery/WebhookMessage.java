package io.lantian.dispatch.delivery;

import io.lantian.common.json.EventJson;

import java.time.Instant;
import java.util.List;

/**
 * The message pushed for one order revision, shaped as the Standard Webhooks spec suggests
 * ({@code {type, timestamp, data}}). Its id — the {@code webhook-id} header — is {@code <orderId>.r<revision>}:
 * the same for every attempt and every re-send of that revision, so receivers deduplicate by it. The body is
 * built once and stored, so every attempt sends the same bytes (only the timestamp and signature change).
 *
 * @param id   the webhook-id
 * @param type {@value #ISSUED}, {@value #REVISED} or {@value #TEST}
 * @param body the JSON text sent
 */
public record WebhookMessage(String id, String type, String body) {

    /** The first revision of an order. */
    public static final String ISSUED = "order.issued";
    /** A later revision: it replaces the earlier ones; only an answer naming this revision counts. */
    public static final String REVISED = "order.revised";
    /** A test order from an officer: no real order, nothing to do but answer 2xx. */
    public static final String TEST = "order.test";

    static final String TEST_MEASURE = "测试指令，无需采取任何措施 — test order, take no action";

    /** What the enterprise is asked to do, and how to answer. */
    public record Data(String orderId, String warningId, int revision, String enterpriseId, String regionId,
                       String level, String mode, List<String> measures, Instant ackDeadline, Answer answer,
                       boolean test) {
    }

    /**
     * How to answer this revision through the enterprise API (role enterprise). The URLs are absolute when
     * {@code lantian.dispatch.delivery.public-base-url} is set, paths otherwise.
     */
    public record Answer(String ackUrl, String cannotComplyUrl, int revision, String idempotencyKey) {
    }

    record Body(String type, Instant timestamp, Data data) {
    }

    public static String idOf(String orderId, int revision) {
        return orderId + ".r" + revision;
    }

    /** The message for a real order revision. */
    public static WebhookMessage forOrder(String orderId, String warningId, int revision, String enterpriseId,
                                          String regionId, String level, String mode, List<String> measures,
                                          Instant ackDeadline, boolean firstRevision, String publicBaseUrl,
                                          Instant createdAt) {
        String id = idOf(orderId, revision);
        String base = publicBaseUrl == null ? "" : publicBaseUrl.replaceAll("/+$", "");
        String orderPath = base + "/api/v1/enterprise/orders/" + orderId;
        Answer answer = new Answer(orderPath + "/ack", orderPath + "/cannot-comply", revision, id);
        String type = firstRevision ? ISSUED : REVISED;
        Data data = new Data(orderId, warningId, revision, enterpriseId, regionId, level, mode, measures, ackDeadline,
                answer, false);
        return new WebhookMessage(id, type, EventJson.mapper().writeValueAsString(new Body(type, createdAt, data)));
    }

    /** A test order: shaped like a real one so the receiver's whole path runs, but marked as a test at two places. */
    public static WebhookMessage forTest(String testOrderId, String enterpriseId, String regionId, Instant createdAt) {
        String id = idOf(testOrderId, 1);
        Data data = new Data(testOrderId, null, 1, enterpriseId, regionId, null, "EXEMPT", List.of(TEST_MEASURE),
                null, null, true);
        return new WebhookMessage(id, TEST, EventJson.mapper().writeValueAsString(new Body(TEST, createdAt, data)));
    }
}
