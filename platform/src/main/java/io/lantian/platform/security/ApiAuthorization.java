package io.lantian.platform.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's access rules for its own API, added to the shared security chain before "everything else
 * needs an authenticated token". Example: {@code rules -> rules.requestMatchers(POST, "/api/v1/readings").hasRole(INGEST)}.
 */
@FunctionalInterface
public interface ApiAuthorization {

    void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules);
}
