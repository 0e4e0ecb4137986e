package io.dataivr.session.device;

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
import org.springframework.context.annotation.Profile;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SipProperties.class)
class DeviceAccountConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeviceAccountConfiguration.class);
    private static final long REFILL_DELAY_MS = 50;

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
}
