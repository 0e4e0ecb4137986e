package io.dataivr.store.pg;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * People's page sessions in PostgreSQL (tables spring_session and spring_session_attributes, V14;
 * docs/sign-in.md "Sessions"). Spring Boot's session auto-configuration (spring.session.jdbc.*) makes
 * the repository and the filter; this only has it write a session's attributes with PostgreSQL's
 * {@code insert ... on conflict do update}, so two requests of one page saving the same attribute at
 * once (a console's parallel fetches) update it instead of failing on the primary key.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(JdbcIndexedSessionRepository.class)
class PgHttpSessionConfiguration {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer httpSessionUpserts() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
