package io.dataivr.session.recovery;

import io.dataivr.menu.MenuService;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.consult.ConnectionlessSessions;
import io.dataivr.session.resume.SessionResumption;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
class RecoveryConfiguration {

    /** Links calls Asterisk still holds to their sessions again after a restart (voice/ calls it). */
    @Bean
    SessionRecovery sessionRecovery(RecoverableCalls records, MenuService menus, SessionRegistry registry,
            VoiceCallService calls, SessionResumption resumption, ConnectionlessSessions connectionless, Clock clock) {
        return new SessionRecovery(records, menus, registry, calls, resumption, connectionless::restored, clock);
    }
}
