package io.lantian.dispatch.notify;

import io.lantian.common.json.EventJson;
import io.lantian.dispatch.delivery.WebhookSecret;
import io.lantian.dispatch.delivery.WebhookSigner;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generic webhook: the message as JSON ({@code type "lantian.notices"}, every notice as data), signed the
 * way enterprise webhooks are (Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}). The id is the same for every attempt at one message, so a receiver can drop a
 * retry it has seen; any 2xx answer means taken.
 */
@Component
class WebhookChannel implements ChannelSender {

    static final String TYPE = "lantian.notices";

    private final NotifyHttp http;

    WebhookChannel(NotifyHttp http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    static String webhookId(OfficerMessage message) {
        return "officer-message-" + message.messageId();
    }

    static String body(OfficerMessage message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", TYPE);
        json.put("messageId", message.messageId());
        json.put("audience", message.group().audience().name());
        json.put("regionId", message.group().regionId());
        json.put("township", message.group().township());
        json.put("title", message.title());
        json.put("notices", message.noticesAsData());
        return EventJson.mapper().writeValueAsString(json);
    }

    @Override
    public SendOutcome send(NotifyChannel channel, OfficerMessage message) {
        List<WebhookSecret> secrets;
        try {
            secrets = WebhookSecret.parseAll(channel.secret());
        } catch (IllegalArgumentException e) {
            return SendOutcome.failed("the channel's secret is not usable: " + e.getMessage());
        }
        String id = webhookId(message);
        String body = body(message);
        long timestamp = Instant.now().getEpochSecond();
        NotifyHttp.Answer answer = http.postJson(channel.url(), Map.of(
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSigner.signature(id, timestamp, body, secrets)), body);
        if (!answer.answered()) {
            return SendOutcome.failed(answer.failure());
        }
        return answer.status() / 100 == 2 ? SendOutcome.ok()
                : SendOutcome.failed("HTTP " + answer.status() + (answer.body().isBlank() ? "" : ": " + answer.body()));
    }
}
