package io.dataivr.session.consult;

import io.dataivr.menu.MenuService;
import io.dataivr.session.ExpiredSessions;
import io.dataivr.session.NoSuchSession;
import io.dataivr.session.SessionActivityListener;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.SessionStore;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.device.DeviceAccountService;
import io.dataivr.session.token.SessionTokens;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
class ConsultationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsultationConfiguration.class);

    @Bean
    SessionService sessionService(MenuService menus, SessionRegistry registry, SessionStore store,
            VoiceCallService calls, DeviceAccountService devices,
            ObjectProvider<SessionActivityListener> listeners, SessionProperties properties, SessionTokens tokens,
            Clock clock) {
        SessionService sessions = new SessionService(menus, registry, store, calls, devices,
                SessionActivityListener.all(listeners.orderedStream().toList()), properties, tokens, clock);
        calls.whenRestoredCallEnds(sessionId -> {
            try {
                sessions.end(sessionId, "call-ended-after-restart");
            } catch (NoSuchSession e) {
                log.debug("restored session {} had already ended", sessionId);
            }
        });
        return sessions;
    }

    @Bean
    ConnectionlessSessions connectionlessSessions(SessionService sessions, ExpiredSessions expired,
            SessionStore store, SessionProperties properties, Clock clock) {
        return new ConnectionlessSessions(sessions, expired, properties.restIdleTimeout(), store::restOwned, clock);
    }
}
