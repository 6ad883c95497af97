package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.dispatch.DispatchTestSupport;
import io.lantian.dispatch.list.StoredWebhookSecrets;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * response-dispatch on the real broker and database, with the escalation worker polling every 200 ms and
 * webhook delivery giving up after two quick attempts. Test classes extending it share one Spring context.
 * Chains are global per level: a test sets the ones it needs through the admin API and they are put back as
 * they were afterwards (orders already issued keep their copy either way).
 */
@TestPropertySource(properties = {
        "lantian.dispatch.escalation.poll-interval=200ms",
        // polls often, so this context rather than another one cached in the test JVM (same tables, slower
        // retries) makes the attempts of this class's deliveries
        "lantian.dispatch.delivery.poll-interval=25ms",
        "lantian.dispatch.delivery.max-attempts=2",
        "lantian.dispatch.delivery.initial-backoff=100ms",
        "lantian.dispatch.delivery.max-backoff=200ms",
        "lantian.dispatch.delivery.lease=20s",
        "resilience4j.timelimiter.configs.webhook.timeout-duration=2s",
        "resilience4j.bulkhead.configs.webhook.max-wait-duration=1s"})
abstract class EscalationTestSupport extends DispatchTestSupport {

    @Autowired
    StoredWebhookSecrets secrets;

    EscalationRegion region;
    private final Map<WarningLevel, String> replaced = new EnumMap<>(WarningLevel.class);

    @BeforeEach
    void client() {
        region = new EscalationRegion(jdbc, publisher, secrets);
    }

    /** Sets a level's chain (a JSON array of steps) as an administrator; it is put back after the test. */
    void chain(WarningLevel level, String stepsJson) {
        String path = "/api/v1/admin/escalation-chains/" + level;
        replaced.computeIfAbsent(level, l -> {
            List<String> steps = new ArrayList<>();
            for (JsonNode step : api.get(path, TestTokens.admin()).json().get("steps")) {
                steps.add("{\"after\":\"" + step.get("after").asString() + "\",\"action\":\""
                        + step.get("action").asString() + "\"}");
            }
            return "{\"steps\":[" + String.join(",", steps) + "]}";
        });
        var response = api.put(path, TestTokens.admin(), "{\"steps\":" + stepsJson + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @AfterEach
    void restoreChains() {
        replaced.forEach((level, body) -> assertThat(api.put("/api/v1/admin/escalation-chains/" + level,
                TestTokens.admin(), body).status()).isEqualTo(200));
        replaced.clear();
    }
}
