package io.dataivr.session;

import org.springframework.context.annotation.Profile;
import io.dataivr.agent.AgentService;
import io.dataivr.menu.MenuService;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
class SessionConfiguration {

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistry();
    }

    @Bean
    VoiceCallService voiceCallService(SessionRegistry registry, SessionStore store, SessionNotifier notifier,
            SessionProperties properties, Clock clock, CallControl control, AgentService agents) {
        return new VoiceCallService(registry, store, notifier, properties, clock, control, agents::servingAgents);
    }

    @Bean
    SessionTokens sessionTokens(SessionProperties properties, Clock clock) {
        return new SessionTokens(properties.tokenSecret(), properties.tokenMaxLifetime(), clock);
    }

    @Bean
    SessionService sessionService(MenuService menus, SessionRegistry registry, SessionStore store,
            VoiceCallService calls, SessionProperties properties, SessionTokens tokens, Clock clock) {
        return new SessionService(menus, registry, store, calls, properties, tokens, clock);
    }

    @Bean
    SessionResumption sessionResumption(SessionRegistry registry, SessionService sessions,
            SessionProperties properties, Clock clock) {
        return new SessionResumption(registry, sessions, properties.resumeGrace(), clock);
    }

    @Bean(destroyMethod = "close")
    ExpirySweeper expirySweeper(SessionResumption resumption, SessionTokens tokens, SessionProperties properties) {
        return new ExpirySweeper(resumption, tokens, properties.expirySweep());
    }
}
