package io.dataivr.session.token;

import io.dataivr.session.SessionProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    SessionTokens sessionTokens(SessionProperties properties, UsedTokenStore usedTokens, Clock clock) {
        return new SessionTokens(properties.tokenSecret(), properties.tokenMaxLifetime(), usedTokens, clock);
    }
}
