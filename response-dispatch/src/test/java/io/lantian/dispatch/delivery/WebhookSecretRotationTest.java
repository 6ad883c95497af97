package io.lantian.dispatch.delivery;

import io.lantian.dispatch.DispatchTestSupport;
import io.lantian.dispatch.delivery.RecordingReceiver.Received;
import io.lantian.dispatch.list.StoredWebhookSecrets;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook secrets sealed in the database and rotated through the admin API without a gap: during a rotation
 * every message verifies with the old and with the new secret; after it, only with the new one.
 */
@TestPropertySource(properties = {
        "lantian.dispatch.delivery.poll-interval=100ms"})
class WebhookSecretRotationTest extends DispatchTestSupport {

    @Autowired
    StoredWebhookSecrets secrets;

    WebhookEnterprises region;
    RecordingReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        region = new WebhookEnterprises(jdbc, publisher, secrets);
        receiver = new RecordingReceiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    String column(String enterprise) {
        return jdbc.sql("select webhook_secrets from enterprise where enterprise_id = ?").param(enterprise)
                .query(String.class).single();
    }

    /** Sends a test order and returns the request the receiver got. */
    Received testOrder(String enterprise) {
        int before = receiver.received().size();
        var sent = api.postJson("/api/v1/enterprises/" + enterprise + "/test-order", TestTokens.officer(), "");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() > before);
        return receiver.received().get(before);
    }

    static boolean verifies(String secret, Received request) {
        return StandardWebhooksVerifier.verify(secret, request.headers(), request.body(), Instant.now());
    }

    @Test
    void aRotationSignsWithBothSecretsUntilThePreviousOneIsRetired() {
        String original = WebhookSecret.generate();
        String enterprise = region.add(receiver.url(), original);
        assertThat(column(enterprise)).startsWith("v1:").doesNotContain(original.substring(6));
        assertThat(verifies(original, testOrder(enterprise))).isTrue();

        var rotated = api.postJson("/api/v1/admin/enterprises/" + enterprise + "/webhook-secrets:rotate", TestTokens.admin(), "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        String fresh = rotated.json().get("secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(original);
        assertThat(rotated.json().get("signingWith").asInt()).isEqualTo(2);
        assertThat(rotated.body()).doesNotContain(original);
        assertThat(secrets.open(column(enterprise))).containsExactly(fresh, original);
        assertThat(column(enterprise)).doesNotContain(fresh.substring(6)).doesNotContain(original.substring(6));

        Received during = testOrder(enterprise);
        assertThat(verifies(original, during)).as("the enterprise's old configuration still accepts").isTrue();
        assertThat(verifies(fresh, during)).as("and so does its new one").isTrue();

        var retired = api.postJson("/api/v1/admin/enterprises/" + enterprise + "/webhook-secrets:retire-previous",
                TestTokens.admin(), "");
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        assertThat(retired.json().get("signingWith").asInt()).isEqualTo(1);
        assertThat(retired.json().get("secret").isNull()).isTrue();
        Received after = testOrder(enterprise);
        assertThat(verifies(fresh, after)).isTrue();
        assertThat(verifies(original, after)).isFalse();

        var again = api.postJson("/api/v1/admin/enterprises/" + enterprise + "/webhook-secrets:retire-previous",
                TestTokens.admin(), "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).isEqualTo("urn:lantian:problem:no-previous-secret");
    }

    @Test
    void anEnterpriseMayBringItsOwnSecretAndBadOnesAreRefused() {
        String enterprise = region.add(receiver.url(), WebhookSecret.generate());
        String own = WebhookSecret.generate();

        var rotated = api.postJson("/api/v1/admin/enterprises/" + enterprise + "/webhook-secrets:rotate", TestTokens.admin(),
                "{\"secret\":\"" + own + "\"}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        assertThat(secrets.open(column(enterprise)).get(0)).isEqualTo(own);
        assertThat(verifies(own, testOrder(enterprise))).isTrue();

        var reused = api.postJson("/api/v1/admin/enterprises/" + enterprise + "/webhook-secrets:rotate", TestTokens.admin(),
                "{\"secret\":\"" + own + "\"}");
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("type").asString()).isEqualTo("urn:lantian:problem:secret-in-use");
        var weak = api.postJson("/api/v1/admin/enterprises/" + enterprise + "/webhook-secrets:rotate", TestTokens.admin(),
                "{\"secret\":\"whsec_c2hvcnQ=\"}");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("detail").asString()).contains("24 to 64 bytes");
        assertThat(api.postJson("/api/v1/admin/enterprises/NO-SUCH/webhook-secrets:rotate", TestTokens.admin(), "").status())
                .isEqualTo(404);
        assertThat(api.postJson("/api/v1/admin/enterprises/" + enterprise + "/webhook-secrets:rotate", TestTokens.officer(), "")
                .status()).isEqualTo(403);
    }

    @Test
    void secretsAnEarlierVersionStoredInClearTextAreSealedAtStart() {
        String clear = WebhookSecret.generate();
        String enterprise = region.add(receiver.url(), null);
        jdbc.sql("update enterprise set webhook_secrets = ? where enterprise_id = ?").params(clear, enterprise).update();

        secrets.sealClearTextSecrets(); // what every start does

        assertThat(column(enterprise)).startsWith("v1:").doesNotContain(clear.substring(6));
        assertThat(secrets.open(column(enterprise))).isEqualTo(List.of(clear));
        assertThat(verifies(clear, testOrder(enterprise))).isTrue();
    }
}
