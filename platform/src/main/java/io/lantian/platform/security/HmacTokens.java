package io.lantian.platform.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Signs HS256 tokens with a shared secret: for the local stack (which prints a token per demo role) and for
 * tests. Production tokens come from the identity provider, never from here.
 */
public final class HmacTokens {

    private final SecretKey key;
    private final String issuer;
    private final NimbusJwtEncoder encoder;

    public HmacTokens(String base64Secret, String issuer) {
        this.key = secretKey(base64Secret);
        this.issuer = issuer;
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    /** A fresh random 256-bit secret, base64. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static SecretKey secretKey(String base64Secret) {
        byte[] bytes = Base64.getDecoder().decode(base64Secret);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("lantian.security.hmac-secret must hold at least 256 bits");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    public String token(String subject, List<String> roles, String enterpriseId, Duration ttl) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim(Roles.CLAIM, roles);
        if (issuer != null && !issuer.isBlank()) {
            claims.issuer(issuer);
        }
        if (enterpriseId != null) {
            claims.claim(Roles.ENTERPRISE_ID_CLAIM, enterpriseId);
        }
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    public String token(String subject, String role) {
        return token(subject, List.of(role), null, Duration.ofHours(12));
    }

    public String enterpriseToken(String enterpriseId) {
        return token("enterprise:" + enterpriseId, List.of(Roles.ENTERPRISE), enterpriseId, Duration.ofHours(12));
    }

    SecretKey key() {
        return key;
    }
}
