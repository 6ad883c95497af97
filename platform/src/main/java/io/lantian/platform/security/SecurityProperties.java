package io.lantian.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are checked. In production leave {@code hmacSecret} empty and set Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code jwk-set-uri}) to the identity
 * provider. The local stack and the tests sign their own HS256 tokens with a secret they generate at start,
 * passed in as {@code LANTIAN_SECURITY_HMAC_SECRET}; it never sits in the repository.
 *
 * @param hmacSecret base64 HS256 key (at least 256 bits), or empty
 * @param issuer     when set, tokens must carry this {@code iss}
 */
@ConfigurationProperties("lantian.security")
public record SecurityProperties(String hmacSecret, String issuer) {
}
