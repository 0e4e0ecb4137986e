package io.dataivr.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** Injected everywhere time is read, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
