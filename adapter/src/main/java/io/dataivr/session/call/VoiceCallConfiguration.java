package io.dataivr.session.call;

import io.dataivr.agent.AgentService;
import io.dataivr.call.CallControl;
import io.dataivr.call.VoiceLinks;
import io.dataivr.session.SessionActivityListener;
import io.dataivr.session.SessionNotifier;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.SessionStore;
import io.dataivr.session.device.DeviceAccountService;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
class VoiceCallConfiguration {

    @Bean
    VoiceCallService voiceCallService(SessionRegistry registry, SessionStore store, SessionNotifier notifier,
            SessionProperties properties, DeviceAccountService devices,
            ObjectProvider<SessionActivityListener> listeners, Clock clock, CallControl control, AgentService agents,
            VoiceLinks links) {
        return new VoiceCallService(registry, store, notifier, properties, devices,
                SessionActivityListener.all(listeners.orderedStream().toList()), clock, control,
                agents::servingAgents, links);
    }

    /** Hangs up the call of a device that lost its SIP registration meanwhile (fed by voice/). */
    @Bean
    LostDeviceCalls lostDeviceCalls(DeviceAccountService devices, SessionRegistry registry, VoiceCallService calls) {
        return new LostDeviceCalls(devices, registry, calls);
    }
}
