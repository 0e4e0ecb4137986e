package io.dataivr.metrics;

import io.dataivr.agent.AgentService;
import io.dataivr.session.consult.ConnectionlessSessions;
import io.dataivr.session.SessionRegistry;
import io.dataivr.voice.AmiGateway;
import io.dataivr.voice.VoiceProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * DataIVR's own metrics, served with the others at {@code /actuator/prometheus} (docs/admin-api.md,
 * "Metrics"; a Grafana dashboard in docs/grafana-dashboard.json). Only this package names Micrometer:
 * the features are read through their own services and listeners.
 */
@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsConfiguration {

    /** Follows the queue calls of the adapter's queues behind the FIFO (never delaying it). */
    @Bean
    QueueCallMetrics queueCallMetrics(MeterRegistry registry, Clock clock, VoiceProperties voice,
            MetricsProperties properties, AmiGateway gateway) {
        QueueCallMetrics metrics = new QueueCallMetrics(registry, clock, voice.queues(), properties);
        gateway.subscribeBehind(metrics);
        return metrics;
    }

    @Bean
    AgentMetrics agentMetrics(AgentService agents, VoiceProperties voice) {
        return new AgentMetrics(agents, voice.queues());
    }

    /** A session activity listener (the session feature tells every one of them). */
    @Bean
    SessionMetrics sessionMetrics(MeterRegistry registry) {
        return new SessionMetrics(registry);
    }

    @Bean
    IpChannelMetrics ipChannelMetrics(SessionRegistry sessions, ConnectionlessSessions overRest) {
        return new IpChannelMetrics(sessions::size, overRest::open);
    }
}
