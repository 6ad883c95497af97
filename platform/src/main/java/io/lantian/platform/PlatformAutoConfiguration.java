package io.lantian.platform;

import io.lantian.platform.kafka.KafkaConfiguration;
import io.lantian.platform.problem.ApiExceptionHandler;
import io.lantian.platform.problem.ProblemErrorController;
import io.lantian.platform.problem.ProblemResponses;
import io.lantian.platform.security.SecurityConfiguration;
import io.lantian.platform.web.CorrelationIdFilter;
import io.lantian.platform.web.RequestSizeLimitFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

import java.util.Set;

/**
 * What every Lantian service gets by depending on {@code platform}: security, problem details, request
 * limits, correlation ids and Kafka plumbing. Before Boot's Kafka auto-configuration so that the shared
 * producer replaces Boot's default one.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class, beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@Import({SecurityConfiguration.class, KafkaConfiguration.class, ApiExceptionHandler.class, ProblemErrorController.class})
public class PlatformAutoConfiguration {

    @Bean
    ProblemResponses problemResponses(JsonMapper jsonMapper) {
        return new ProblemResponses(jsonMapper);
    }

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            @Value("${lantian.http.max-request-bytes:1MB}") DataSize maxRequest,
            @Value("${lantian.http.streaming-paths:}") Set<String> streamingPaths,
            @Value("${lantian.http.max-streaming-request-bytes:256MB}") DataSize maxStreaming,
            ProblemResponses problems) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(maxRequest.toBytes(), streamingPaths, maxStreaming.toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
