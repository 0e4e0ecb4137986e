package io.dataivr.api.http;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The REST API's body size and rate limits (RestLimitsFilter), ahead of Spring Security. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RestLimitProperties.class)
class RestLimitsConfiguration {

    @Bean
    FilterRegistrationBean<RestLimitsFilter> restLimitsFilter(RestLimitProperties limits, Clock clock) {
        FilterRegistrationBean<RestLimitsFilter> registration =
                new FilterRegistrationBean<>(new RestLimitsFilter(limits, clock));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
