package io.lantian.dispatch.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * DingTalk custom robot 加签: {@code sign = urlEncode(base64(HmacSHA256(key = secret, timestamp + "\n" + secret)))},
 * with the timestamp in milliseconds (DingTalk refuses one more than an hour off), both appended to the
 * robot's URL.
 */
public final class DingTalkSigning {

    private DingTalkSigning() {
    }

    public static String sign(String secret, long timestampMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signed = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(signed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The robot URL with {@code timestamp} and {@code sign} appended. */
    public static String signedUrl(String url, String secret, long timestampMillis) {
        return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestampMillis + "&sign=" + sign(secret, timestampMillis);
    }
}
