package io.lantian.consult;

import io.lantian.platform.security.ApiAuthorization;
import io.lantian.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call forecast-consult's API. */
@Configuration(proxyBeanMethods = false)
class ConsultSecurity {

    @Bean
    ApiAuthorization consultAuthorization() {
        return rules -> rules
                // the CAP feed is public information, read by public warning platforms
                .requestMatchers(HttpMethod.GET, "/api/v1/cap/**").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/forecasts").hasAnyRole(Roles.OFFICER, Roles.FORECASTER, Roles.CHIEF)
                // deciding a warning is further restricted by its level (ApprovalPolicy)
                .requestMatchers("/api/v1/warnings", "/api/v1/warnings/**", "/api/v1/warnings:evaluate",
                        "/api/v1/proposals", "/api/v1/proposals/**", "/api/v1/forecasts",
                        "/api/v1/regions/**", "/api/v1/stations/**")
                .hasAnyRole(Roles.OFFICER, Roles.CHIEF, Roles.ADMIN)
                // station alerts (污染高值预警) and the maintenance windows that silence them
                .requestMatchers("/api/v1/station-alerts", "/api/v1/station-alerts/**", "/api/v1/silences", "/api/v1/silences/**")
                .hasAnyRole(Roles.OFFICER, Roles.CHIEF, Roles.ADMIN);
    }
}
