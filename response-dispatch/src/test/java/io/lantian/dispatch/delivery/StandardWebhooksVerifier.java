package io.lantian.dispatch.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A receiver's check of a Standard Webhooks signature, written for the tests from the spec
 * (standardwebhooks.com, "Verifying webhook authenticity") and sharing no code with {@link WebhookSigner}:
 * it works on the raw body bytes, decodes the candidate signatures and compares bytes in constant time,
 * and refuses timestamps more than five minutes off.
 */
public final class StandardWebhooksVerifier {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private StandardWebhooksVerifier() {
    }

    /** @param headers lower-case header names */
    public static boolean verify(String secret, Map<String, String> headers, byte[] body, Instant now) {
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        String signatures = headers.get("webhook-signature");
        if (id == null || timestamp == null || signatures == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        long sentAt = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - sentAt) > TOLERANCE.toSeconds()) {
            return false;
        }
        if (!secret.startsWith("whsec_")) {
            return false;
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(id.getBytes(StandardCharsets.UTF_8));
        content.write('.');
        content.writeBytes(timestamp.getBytes(StandardCharsets.US_ASCII));
        content.write('.');
        content.writeBytes(body);
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            expected = mac.doFinal(content.toByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String candidate : signatures.split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue; // other versions (e.g. v1a, asymmetric) are not ours to check
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }
}
