package io.lantian.dispatch.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signer against a verifier written independently from the spec. */
class WebhookSignatureTest {

    static final String BODY = "{\"type\":\"order.issued\",\"data\":{\"measures\":[\"烧结工序停产\"]}}";

    static Map<String, String> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature);
    }

    @Test
    void aSignatureVerifiesWithTheSecretAndNothingElse() {
        String secret = WebhookSecret.generate();
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSigner.signature("o-1.r1", now, BODY, List.of(WebhookSecret.parse(secret)));

        assertThat(signature).matches("v1,[A-Za-z0-9+/]{43}=");
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(StandardWebhooksVerifier.verify(secret, headers("o-1.r1", now, signature), body, Instant.now())).isTrue();
        assertThat(StandardWebhooksVerifier.verify(WebhookSecret.generate(), headers("o-1.r1", now, signature), body, Instant.now()))
                .as("another secret").isFalse();
        assertThat(StandardWebhooksVerifier.verify(secret, headers("o-1.r2", now, signature), body, Instant.now()))
                .as("another message id").isFalse();
        assertThat(StandardWebhooksVerifier.verify(secret, headers("o-1.r1", now + 1, signature), body, Instant.now()))
                .as("another timestamp").isFalse();
        assertThat(StandardWebhooksVerifier.verify(secret, headers("o-1.r1", now, signature),
                BODY.replace("停产", "限产").getBytes(StandardCharsets.UTF_8), Instant.now())).as("another body").isFalse();
    }

    @Test
    void duringRotationEachMessageCarriesOneSignaturePerSecretAndEitherVerifies() {
        String old = WebhookSecret.generate();
        String next = WebhookSecret.generate();
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSigner.signature("o-2.r1", now, BODY, WebhookSecret.parseAll(old + " " + next));

        assertThat(signature.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(StandardWebhooksVerifier.verify(old, headers("o-2.r1", now, signature), body, Instant.now())).isTrue();
        assertThat(StandardWebhooksVerifier.verify(next, headers("o-2.r1", now, signature), body, Instant.now())).isTrue();
    }

    @Test
    void aNewAttemptIsANewTimestampAndSoANewSignature() {
        List<WebhookSecret> secret = List.of(WebhookSecret.parse(WebhookSecret.generate()));
        assertThat(WebhookSigner.signature("o-3.r1", 1_800_000_000L, BODY, secret))
                .isNotEqualTo(WebhookSigner.signature("o-3.r1", 1_800_000_001L, BODY, secret));
    }

    @Test
    void secretsMustBeWellFormedAndNeverShowTheirKey() {
        String secret = WebhookSecret.generate();
        assertThat(WebhookSecret.parse(secret).toString()).doesNotContain(secret.substring(6));
        assertThat(WebhookSecret.parseAll("  ")).isEmpty();
        assertThatThrownBy(() -> WebhookSecret.parse(secret.substring(6))).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).as("5 bytes").hasMessageContaining("24 to 64 bytes");
    }
}
