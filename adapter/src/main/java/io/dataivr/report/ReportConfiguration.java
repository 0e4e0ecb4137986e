package io.dataivr.report;

import io.dataivr.agent.AgentService;
import io.dataivr.session.device.DeviceAccountService;
import io.dataivr.voice.AmiGateway;
import io.dataivr.voice.VoiceProperties;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The wallboard and the calls report. Like the metrics, it follows the queue calls behind the FIFO (on the
 * gateway's second thread, never delaying it), the agents' transitions and the sessions' ends.
 */
@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportProperties.class)
class ReportConfiguration {

    /** A session activity listener (the session feature tells every one of them). */
    @Bean
    CallOrigins callOrigins(DeviceAccountService devices) {
        return new CallOrigins(devices::kindOf);
    }

    @Bean(destroyMethod = "close")
    WallboardService wallboardService(CallReportStore store, CallOrigins origins, AgentService agents,
            VoiceProperties voice, ReportProperties properties, Clock clock, AmiGateway gateway) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "wallboard");
            thread.setDaemon(true);
            return thread;
        });
        WallboardService wallboard = WallboardService.over(agents, origins, voice.queues(), store, properties, clock,
                timer);
        gateway.subscribeBehind(wallboard);
        agents.subscribe(wallboard);
        timer.scheduleAtFixedRate(wallboard::dayCheck, 1, 1, TimeUnit.MINUTES);
        return wallboard;
    }
}
