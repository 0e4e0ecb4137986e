package io.dataivr.session.record;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SessionRecordConfiguration {

    @Bean
    SessionRecordService sessionRecordService(SessionRecords records) {
        return new SessionRecordService(records);
    }
}
