package io.dataivr.api.ws;

import org.springframework.context.annotation.Profile;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Profile("!admin")
@Configuration(proxyBeanMethods = false)
class SocketConfiguration {

    @Bean
    SocketRegistry socketRegistry(ObjectMapper json) {
        return new SocketRegistry(json);
    }
}
