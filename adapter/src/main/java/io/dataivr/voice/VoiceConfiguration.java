package io.dataivr.voice;

import io.dataivr.agent.AgentService;
import io.dataivr.agent.FifoReconciler;
import io.dataivr.agent.QueueCallRules;
import io.dataivr.agent.QueueMembership;
import io.dataivr.call.CallControl;
import io.dataivr.call.QueueCalls;
import io.dataivr.call.VoiceLinks;
import io.dataivr.session.call.LostDeviceCalls;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.device.SipAccountCache;
import io.dataivr.session.recovery.SessionRecovery;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.asteriskjava.fastagi.AgiScript;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VoiceProperties.class)
class VoiceConfiguration {

    @Bean
    AmiGateway amiGateway(VoiceProperties properties,
            @Value("${dataivr.voice.event-timings:false}") boolean eventTimings) {
        return new AmiGateway(properties, eventTimings);
    }

    /** Asterisk's queue members (QueueAdd/QueueRemove/QueueStatus), as the agent feature keeps them. */
    @Bean
    QueueMembership queueMembership(AmiGateway gateway) {
        return gateway.membership();
    }

    /** Hangs up customers' calls in the queues (AMI Hangup). */
    @Bean
    CallControl callControl(AmiGateway gateway) {
        return gateway.callControl();
    }

    /** The one-time voice links the dialplan checks in Asterisk's database (AMI DBPut/DBDel). */
    @Bean
    VoiceLinks voiceLinks(AmiGateway gateway) {
        return gateway.voiceLinks();
    }

    /** Asterisk's sorcery memory caches of device accounts, expired at each revocation. */
    @Bean
    SipAccountCache sipAccountCache(AmiGateway gateway) {
        return gateway.sipAccountCache();
    }

    /** The queue calls and channels Asterisk holds, read on demand (recovery, the wallboard's check). */
    @Bean
    QueueCalls queueCalls(AmiGateway gateway, VoiceProperties properties) {
        return new AsteriskCallReader(gateway, properties);
    }

    /** Subscribes the features to Asterisk's events before the gateway starts. */
    @Bean
    AmiSubscriptions amiSubscriptions(AmiGateway gateway, QueueCallRules agents, FifoReconciler reconciler,
            VoiceCallService calls, LostDeviceCalls lostDevices, SessionRecovery sessions, VoiceProperties properties,
            QueueCalls queueCalls, Clock clock) {
        gateway.subscribeDevicePhones(lostDevices);
        gateway.subscribe(agents);
        // Sessions, screens and queue waits follow on a second thread: they never delay the FIFO.
        gateway.subscribeBehind(calls);
        gateway.followLinks(calls);
        gateway.subscribePhones(agents);
        CallStateRecovery recovery = new CallStateRecovery(queueCalls, reconciler,
                sessions, properties.queues());
        gateway.beforeQueueResync(recovery);
        // Then the callers waiting, the recovered sessions' among them (linked again by the recovery first).
        gateway.beforeQueueResync(new WaitingCallersFound(gateway, properties.queues(), clock));
        gateway.beforeQueueRestore(recovery::afterAsteriskRestart);
        gateway.onConnected(reconciler::rebuild);
        gateway.onAsteriskRestarted(reconciler::restoreAfterAsteriskRestart);
        return new AmiSubscriptions();
    }

    @Bean
    AgiServerRunner agiServer(VoiceProperties properties, AgentService agents) throws IOException {
        Map<String, AgiScript> scripts = new HashMap<>();
        // The link is checked in the dialplan now (AstDB): this only refuses the calls of an outdated dialplan.
        scripts.put("voice-link", new VoiceLinkScript());
        for (AgentFeatureScript.Action action : AgentFeatureScript.Action.values()) {
            scripts.put(action.script(),
                    new AgentFeatureScript(action, agents, properties.queues()));
        }
        return new AgiServerRunner(properties, scripts);
    }

    /** Health component "ami": UP only while the AMI connection is logged in. */
    @Bean
    HealthIndicator amiHealthIndicator(AmiGateway gateway, VoiceProperties properties) {
        return () -> (gateway.connected() ? Health.up().withDetail("asterisk", gateway.asteriskVersion())
                : Health.down().withDetail("error", "not connected"))
                .withDetail("address", properties.amiHost() + ":" + properties.amiPort())
                .build();
    }

    static final class AmiSubscriptions {
    }
}
