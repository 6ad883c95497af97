package io.lantian.dispatch.list;

import io.lantian.platform.secrets.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.List;

/**
 * Enterprises' webhook signing secrets as the {@code enterprise.webhook_secrets} column keeps them: the
 * space-separated {@code whsec_…} list (newest first; two while rotating), sealed with AES-256-GCM under
 * {@code lantian.secrets.encryption-key} (see {@link SecretBox}). They are HMAC keys we must use in clear
 * text to sign, so they cannot be hashed like passwords; encrypting them keeps a database dump or backup
 * from handing out every enterprise's signing key. The service does not start without the key.
 */
@Component
public class StoredWebhookSecrets {

    private static final Logger log = LoggerFactory.getLogger(StoredWebhookSecrets.class);

    private final SecretBox box;
    private final JdbcClient jdbc;

    StoredWebhookSecrets(@Value("${lantian.secrets.encryption-key:}") String key, JdbcClient jdbc) {
        this.box = new SecretBox(key);
        this.jdbc = jdbc;
    }

    /** The column value for these secrets; null for none. */
    public String seal(List<String> secrets) {
        return secrets == null || secrets.isEmpty() ? null : box.seal(String.join(" ", secrets));
    }

    /** The secrets of a column value, newest first; none for null. */
    public List<String> open(String column) {
        String text = openText(column);
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }

    /** The space-separated secrets of a column value, as the webhook signer takes them; null for none. */
    public String openText(String column) {
        if (column == null || column.isBlank()) {
            return null;
        }
        return SecretBox.isSealed(column) ? box.open(column) : column; // written before sealing: sealed at start
    }

    /** Seals what an earlier version stored in clear text, once, at start (idempotent; replicas may race harmlessly). */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void sealClearTextSecrets() {
        List<String> clear = jdbc.sql("""
                        select enterprise_id from enterprise
                        where webhook_secrets is not null and webhook_secrets not like 'v1:%' for update skip locked""")
                .query(String.class).list();
        for (String enterpriseId : clear) {
            String text = jdbc.sql("select webhook_secrets from enterprise where enterprise_id = ?")
                    .param(enterpriseId).query(String.class).single();
            jdbc.sql("update enterprise set webhook_secrets = ? where enterprise_id = ?")
                    .params(box.seal(text), enterpriseId).update();
        }
        if (!clear.isEmpty()) {
            log.info("Sealed the webhook secrets of {} enterprises stored in clear text by an earlier version", clear.size());
        }
    }
}
