package io.lantian.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/** Reads the enterprise an enterprise token speaks for. */
public final class CurrentEnterprise {

    private CurrentEnterprise() {
    }

    public static String idOf(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            String id = jwt.getClaimAsString(Roles.ENTERPRISE_ID_CLAIM);
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        throw new AccessDeniedException("the token carries no " + Roles.ENTERPRISE_ID_CLAIM + " claim");
    }
}
