package io.dataivr.signin;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sign-in rules' wiring; the stores come from store.pg (or the tests' fakes). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
public class SignInConfiguration {

    @Bean
    SignInLockout signInLockout(SignInAttemptStore attempts, SignInProperties properties, Clock clock) {
        return new SignInLockout(attempts, properties, clock);
    }

    @Bean
    UserAccounts userAccounts(ConsoleUserStore users, SignInAttemptStore attempts, Clock clock) {
        return new UserAccounts(users, attempts, clock);
    }
}
