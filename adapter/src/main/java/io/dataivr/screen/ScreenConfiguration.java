package io.dataivr.screen;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
class ScreenConfiguration {

    @Bean
    ScreenService screenService(Clock clock) {
        return new ScreenService(clock);
    }
}
