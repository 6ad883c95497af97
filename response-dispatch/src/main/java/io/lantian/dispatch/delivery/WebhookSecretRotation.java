package io.lantian.dispatch.delivery;

import io.lantian.dispatch.list.StoredWebhookSecrets;
import io.lantian.platform.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rotating an enterprise's webhook signing secret without a gap (Standard Webhooks: sign with both while the
 * receiver switches). {@link #rotate} puts a new secret first and keeps the newest old one, so every message
 * carries a signature for each; once the enterprise runs on the new one, {@link #retirePrevious} drops the old.
 */
@Service
class WebhookSecretRotation {

    private static final Logger log = LoggerFactory.getLogger(WebhookSecretRotation.class);

    /** @param secret the new secret, shown this once; null when retiring */
    record Result(String enterpriseId, String secret, int signingWith, Instant at) {
    }

    private final JdbcClient jdbc;
    private final StoredWebhookSecrets secrets;

    WebhookSecretRotation(JdbcClient jdbc, StoredWebhookSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    @Transactional
    Result rotate(String enterpriseId, String newSecret, String actor) {
        List<String> current = lock(enterpriseId);
        if (current.contains(newSecret)) {
            throw ApiProblem.conflict("secret-in-use", "this secret is already one of the enterprise's webhook secrets");
        }
        List<String> next = new ArrayList<>();
        next.add(newSecret);
        if (!current.isEmpty()) {
            next.add(current.get(0)); // the newest old one keeps verifying until the enterprise has switched
        }
        store(enterpriseId, next);
        log.info("Webhook secret of {} rotated by {}: now signing with {} secrets", enterpriseId, actor, next.size());
        return new Result(enterpriseId, newSecret, next.size(), Instant.now());
    }

    @Transactional
    Result retirePrevious(String enterpriseId, String actor) {
        List<String> current = lock(enterpriseId);
        if (current.size() < 2) {
            throw ApiProblem.conflict("no-previous-secret", "the enterprise has " + current.size()
                    + " webhook secret(s); there is no previous one to retire");
        }
        store(enterpriseId, List.of(current.get(0)));
        log.info("Previous webhook secret of {} retired by {}", enterpriseId, actor);
        return new Result(enterpriseId, null, 1, Instant.now());
    }

    private List<String> lock(String enterpriseId) {
        return jdbc.sql("select webhook_secrets from enterprise where enterprise_id = ? for update")
                .param(enterpriseId).query((rs, n) -> secrets.open(rs.getString(1))).optional()
                .orElseThrow(() -> ApiProblem.notFound("no enterprise " + enterpriseId));
    }

    private void store(String enterpriseId, List<String> next) {
        jdbc.sql("update enterprise set webhook_secrets = ?, updated_at = now() where enterprise_id = ?")
                .params(secrets.seal(next), enterpriseId).update();
    }
}
