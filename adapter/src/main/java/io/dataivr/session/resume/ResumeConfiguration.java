package io.dataivr.session.resume;

import io.dataivr.session.ExpiredSessions;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.SessionStore;
import io.dataivr.session.consult.ConnectionlessSessions;
import io.dataivr.session.consult.SessionService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
class ResumeConfiguration {

    @Bean
    SessionResumption sessionResumption(SessionRegistry registry, SessionService sessions,
            SessionProperties properties, ExpiredSessions expired, SessionStore store, Clock clock) {
        return new SessionResumption(registry, sessions, properties.resumeGrace(), expired, store::resumable, clock);
    }

    @Bean(destroyMethod = "close")
    ExpirySweeper expirySweeper(SessionResumption resumption, ConnectionlessSessions connectionless,
            ExpiredSessions expired, SessionProperties properties) {
        return new ExpirySweeper(resumption, connectionless, expired, properties.expirySweep());
    }
}
