package io.dataivr.session;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The sessions themselves: where the open ones are kept and which have expired. Each sub-package
 * wires its own use cases (consult, call, device, token, resume, recovery, record).
 */
@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
class SessionConfiguration {

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistry();
    }

    @Bean
    ExpiredSessions expiredSessions(Clock clock) {
        return new ExpiredSessions(clock);
    }
}
