package io.lantian.dispatch;

import io.lantian.platform.security.ApiAuthorization;
import io.lantian.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call response-dispatch's API. */
@Configuration(proxyBeanMethods = false)
class DispatchSecurity {

    @Bean
    ApiAuthorization dispatchAuthorization() {
        return rules -> rules
                .requestMatchers("/api/v1/enterprise/**").hasRole(Roles.ENTERPRISE)
                .requestMatchers(HttpMethod.GET, "/api/v1/admin/reduction-lists/**").hasAnyRole(Roles.ADMIN, Roles.OFFICER)
                .requestMatchers(HttpMethod.GET, "/api/v1/admin/escalation-chains", "/api/v1/admin/escalation-chains/**")
                .hasAnyRole(Roles.ADMIN, Roles.OFFICER)
                .requestMatchers("/api/v1/admin/**").hasRole(Roles.ADMIN)
                .requestMatchers("/api/v1/orders", "/api/v1/orders/**").hasAnyRole(Roles.OFFICER, Roles.ADMIN)
                // reports: per warning, JSON and CSV
                .requestMatchers(HttpMethod.GET, "/api/v1/warnings/*/report", "/api/v1/warnings/*/report.csv")
                .hasAnyRole(Roles.OFFICER, Roles.ADMIN)
                // compliance: power readings from monitoring platforms (officers read verdicts under /api/v1/orders/**)
                .requestMatchers(HttpMethod.POST, "/api/v1/power-readings").hasAnyRole(Roles.INGEST, Roles.ADMIN)
                // webhook delivery: test orders (re-sends and the delivery log are under /api/v1/orders/**)
                .requestMatchers(HttpMethod.POST, "/api/v1/enterprises/*/test-order").hasAnyRole(Roles.OFFICER, Roles.ADMIN);
    }
}
