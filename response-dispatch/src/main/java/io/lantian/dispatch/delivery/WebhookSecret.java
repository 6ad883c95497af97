package io.lantian.dispatch.delivery;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of the key bytes. An enterprise
 * lists two while it rotates (space-separated); messages are then signed with both, so the receiver may
 * switch keys at any moment. The key never appears in {@link #toString()} or in logs.
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    // the spec asks for 24–64 random bytes; fewer would make HMAC keys guessable
    private static final int MIN_BYTES = 24;
    private static final int MAX_BYTES = 64;

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException when the text is not {@code whsec_<base64 of 24–64 bytes>} */
    public static WebhookSecret parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is " + PREFIX + " followed by base64");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("a webhook secret holds " + MIN_BYTES + " to " + MAX_BYTES + " bytes");
        }
        return new WebhookSecret(key);
    }

    /** The secrets of the {@code enterprise.webhook_secrets} column (space-separated); none for null or blank. */
    public static List<WebhookSecret> parseAll(String spaceSeparated) {
        if (spaceSeparated == null || spaceSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(spaceSeparated.trim().split("\\s+")).map(WebhookSecret::parse).toList();
    }

    /** A fresh random secret in its text form, for onboarding an enterprise (and for tests). */
    public static String generate() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return PREFIX + "…"; // never the key
    }
}
