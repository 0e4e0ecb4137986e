package io.dataivr.session;

import org.springframework.context.annotation.Profile;
import io.dataivr.agent.AgentService;
import io.dataivr.menu.MenuService;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SessionProperties.class, SipProperties.class})
class SessionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SessionConfiguration.class);
    private static final long REFILL_DELAY_MS = 50;

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistry();
    }

    /** One thread for the device accounts' background work: sweeps and pool refills never overlap. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService sipAccountTasks() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sip-accounts");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Fills the account pool at once, revokes expired accounts (and tops the pool up) every
     * {@code dataivr.sip.sweep-interval}. A refill waits {@link #REFILL_DELAY_MS} after the first
     * account is taken, so a burst of first voice requests is refilled in one write, after it.
     */
    @Bean
    DeviceAccountService deviceAccountService(SipAccountStore store, ObjectProvider<SipAccountCache> cache,
            SipProperties properties, Clock clock, ScheduledExecutorService sipAccountTasks) {
        DeviceAccountService devices = new DeviceAccountService(store, cache.getIfAvailable(() -> SipAccountCache.NONE),
                properties, clock,
                task -> sipAccountTasks.schedule(task, REFILL_DELAY_MS, TimeUnit.MILLISECONDS));
        sipAccountTasks.execute(devices::refillPool);
        long every = properties.sweepInterval().toMillis();
        sipAccountTasks.scheduleWithFixedDelay(() -> {
            try {
                devices.revokeExpired();
            } catch (RuntimeException e) {
                log.warn("revoking expired SIP accounts failed: {}", e.toString());
            }
            devices.refillPool();
        }, every, every, TimeUnit.MILLISECONDS);
        return devices;
    }

    @Bean
    VoiceCallService voiceCallService(SessionRegistry registry, SessionStore store, SessionNotifier notifier,
            SessionProperties properties, DeviceAccountService devices,
            ObjectProvider<SessionActivityListener> listeners, Clock clock, CallControl control, AgentService agents) {
        return new VoiceCallService(registry, store, notifier, properties, devices, all(listeners), clock, control,
                agents::servingAgents);
    }

    /** Hangs up the call of a device that lost its SIP registration meanwhile (fed by voice/). */
    @Bean
    LostDeviceCalls lostDeviceCalls(DeviceAccountService devices, SessionRegistry registry, VoiceCallService calls) {
        return new LostDeviceCalls(devices, registry, calls);
    }

    @Bean
    SessionTokens sessionTokens(SessionProperties properties, UsedTokenStore usedTokens, Clock clock) {
        return new SessionTokens(properties.tokenSecret(), properties.tokenMaxLifetime(), usedTokens, clock);
    }

    @Bean
    SessionService sessionService(MenuService menus, SessionRegistry registry, SessionStore store,
            VoiceCallService calls, DeviceAccountService devices,
            ObjectProvider<SessionActivityListener> listeners, SessionProperties properties, SessionTokens tokens,
            Clock clock) {
        SessionService sessions = new SessionService(menus, registry, store, calls, devices, all(listeners),
                properties, tokens, clock);
        calls.whenRestoredCallEnds(sessionId -> {
            try {
                sessions.end(sessionId, "call-ended-after-restart");
            } catch (NoSuchSession e) {
                log.debug("restored session {} had already ended", sessionId);
            }
        });
        return sessions;
    }

    /** Links calls Asterisk still holds to their sessions again after a restart (voice/ calls it). */
    @Bean
    SessionRecovery sessionRecovery(RecoverableCalls records, MenuService menus, SessionRegistry registry,
            VoiceCallService calls, SessionResumption resumption, ConnectionlessSessions connectionless, Clock clock) {
        return new SessionRecovery(records, menus, registry, calls, resumption, connectionless::restored, clock);
    }

    private static SessionActivityListener all(ObjectProvider<SessionActivityListener> listeners) {
        return SessionActivityListener.all(listeners.orderedStream().toList());
    }

    @Bean
    ExpiredSessions expiredSessions(Clock clock) {
        return new ExpiredSessions(clock);
    }

    @Bean
    SessionResumption sessionResumption(SessionRegistry registry, SessionService sessions,
            SessionProperties properties, ExpiredSessions expired, SessionStore store, Clock clock) {
        return new SessionResumption(registry, sessions, properties.resumeGrace(), expired, store::resumable, clock);
    }

    @Bean
    ConnectionlessSessions connectionlessSessions(SessionService sessions, ExpiredSessions expired,
            SessionStore store, SessionProperties properties, Clock clock) {
        return new ConnectionlessSessions(sessions, expired, properties.restIdleTimeout(), store::restOwned, clock);
    }

    @Bean(destroyMethod = "close")
    ExpirySweeper expirySweeper(SessionResumption resumption, ConnectionlessSessions connectionless,
            ExpiredSessions expired, SessionProperties properties) {
        return new ExpirySweeper(resumption, connectionless, expired, properties.expirySweep());
    }
}
