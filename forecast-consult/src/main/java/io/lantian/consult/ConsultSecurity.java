package io.lantian.consult;

import io.lantian.platform.security.ApiAuthorization;
import io.lantian.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call forecast-consult's API. */
@Configuration(proxyBeanMethods = false)
class ConsultSecurity {

    @Bean
    ApiAuthorization consultAuthorization() {
        return rules -> rules.requestMatchers("/api/v1/warnings", "/api/v1/warnings/**", "/api/v1/warnings:evaluate")
                .hasAnyRole(Roles.OFFICER, Roles.ADMIN);
    }
}
