package io.dataivr.agent;

import org.springframework.context.annotation.Profile;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
class AgentConfiguration {

    @Bean
    AgentService agentService(QueueMembership membership, IdleAgentMirror mirror, AgentStateLog stateLog) {
        return new AgentService(membership, mirror, stateLog);
    }
}
