package io.lantian.platform.secrets;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts secrets a service must keep in its database but use in clear text later (e.g. the HMAC keys it
 * signs webhooks with, which cannot be hashed). AES-256-GCM with a random 96-bit nonce per value; the sealed
 * text is {@code v1:<base64(nonce | ciphertext+tag)>}. The key comes from configuration
 * ({@code lantian.secrets.encryption-key}, base64 of 32 bytes), never from the database it protects, so a
 * copy of the database or a backup alone does not reveal the secrets. A wrong key or an altered value fails
 * loudly instead of yielding garbage.
 */
public final class SecretBox {

    public static final String PREFIX = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param base64Key base64 of 32 random bytes, e.g. from {@link #newKey()} or {@code openssl rand -base64 32} */
    public SecretBox(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("lantian.secrets.encryption-key is not set: give it base64 of 32 random bytes"
                    + " (e.g. openssl rand -base64 32) from a secret store, not from the repository");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lantian.secrets.encryption-key is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("lantian.secrets.encryption-key holds " + bytes.length + " bytes; AES-256 needs 32");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public static String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Whether a stored value is sealed (values written before encryption was introduced are not). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String seal(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalArgumentException when the value is not sealed, altered, or sealed under another key */
    public String open(String sealed) {
        if (!isSealed(sealed)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed value is " + PREFIX + " followed by base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("a sealed value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the sealed value was altered or sealed under another key"
                    + " (is lantian.secrets.encryption-key the one it was written with?)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM]"; // never the key
    }
}
