package io.lantian.ingest;

import io.lantian.platform.security.ApiAuthorization;
import io.lantian.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call alert-ingest's API. */
@Configuration(proxyBeanMethods = false)
class IngestSecurity {

    @Bean
    ApiAuthorization ingestAuthorization() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/v1/readings", "/api/v1/readings:import").hasRole(Roles.INGEST)
                .requestMatchers("/api/v1/admin/**").hasRole(Roles.ADMIN);
    }
}
