package io.dataivr.console;

import io.dataivr.agent.AgentProperties;
import io.dataivr.agent.AgentService;
import io.dataivr.menu.MenuService;
import io.dataivr.screen.ScreenService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    LoginQueues loginQueues(AgentService agents, MenuService menus) {
        return new LoginQueues(agents, menus);
    }

    @Bean
    CallerHistoryService callerHistoryService(ScreenService screens, CallerHistory history, MenuService menus) {
        return new CallerHistoryService(screens, history, menus);
    }

    @Bean
    DispositionService dispositionService(CallDispositions store, AgentProperties properties, Clock clock) {
        return new DispositionService(store, properties.dispositions(), clock);
    }
}
