package io.lantian.dispatch.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs webhook messages as the Standard Webhooks spec says: HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>} with each secret, each signature written
 * {@code v1,<base64>} and the signatures separated by spaces in {@code webhook-signature}.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    /**
     * @param timestampSeconds the {@code webhook-timestamp} of this attempt (a retry is signed anew with its own)
     * @return the {@code webhook-signature} header value
     */
    public static String signature(String messageId, long timestampSeconds, String body, List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no secret to sign with");
        }
        byte[] signed = (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        return secrets.stream().map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(secret.key(), signed)))
                .collect(Collectors.joining(" "));
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
