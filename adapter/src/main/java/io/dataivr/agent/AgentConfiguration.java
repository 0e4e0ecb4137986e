package io.dataivr.agent;

import java.time.Clock;
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
    AgentFeature agentFeature(QueueMembership membership, IdleAgentMirror mirror, AgentStateLog stateLog,
            AgentProperties properties, ScheduledExecutorService agentTimerExecutor, Clock clock) {
        AgentTimer timer = (delay, task) -> agentTimerExecutor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return AgentFeature.over(membership, mirror, stateLog, properties, timer, clock);
    }

    @Bean
    AgentService agentService(AgentFeature feature) {
        return feature.service();
    }

    @Bean
    QueueCallRules queueCallRules(AgentFeature feature) {
        return feature.rules();
    }

    @Bean
    FifoReconciler fifoReconciler(AgentFeature feature) {
        return feature.reconciler();
    }

    @Bean
    MirrorWatch mirrorWatch(FifoReconciler reconciler, AgentProperties properties,
            ScheduledExecutorService agentTimerExecutor) {
        return new MirrorWatch(reconciler, properties, agentTimerExecutor);
    }
}
