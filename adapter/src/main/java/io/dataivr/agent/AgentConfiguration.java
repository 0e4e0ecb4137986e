package io.dataivr.agent;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class AgentConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService agentTimerExecutor() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "agent-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    AgentService agentService(QueueMembership membership, IdleAgentMirror mirror, AgentStateLog stateLog,
            AgentProperties properties, ScheduledExecutorService agentTimerExecutor) {
        AgentTimer timer = (delay, task) -> agentTimerExecutor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return new AgentService(membership, mirror, stateLog, properties, timer);
    }

    @Bean
    MirrorWatch mirrorWatch(AgentService agents, AgentProperties properties,
            ScheduledExecutorService agentTimerExecutor) {
        return new MirrorWatch(agents, properties, agentTimerExecutor);
    }
}
