package io.dataivr.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

class RememberedPasswordsTests {

    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(User.withUsername("agent1")
            .password("{bcrypt}" + new BCryptPasswordEncoder(4).encode("one-secret")).roles("AGENT").build());
    /** How many times the stored hash was checked. */
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final RememberedPasswords remembered = new RememberedPasswords(counted(new DaoAuthenticationProvider(users)),
            Duration.ofMinutes(5), nanos::get);

    @Test
    void aPasswordThatPassedIsLetInAgainWithoutTheHashCheckAsAFreshToken() {
        Authentication first = remembered.authenticate(request("agent1", "one-secret", "10.0.0.1"));
        Authentication again = remembered.authenticate(request("agent1", "one-secret", "10.0.0.2"));

        assertThat(checks).hasValue(1);
        assertThat(again.isAuthenticated()).isTrue();
        assertThat(again.getName()).isEqualTo("agent1");
        assertThat(again.getAuthorities()).isEqualTo(first.getAuthorities());
        assertThat(again.getDetails()).isEqualTo("10.0.0.2");
        assertThat(again.getCredentials()).isNull();
        assertThat(remembered.remembered()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsRefusedEveryTimeWithTheFullCheckAndNeverRemembered() {
        remembered.authenticate(request("agent1", "one-secret", null));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> remembered.authenticate(request("agent1", "one-secret ", null)))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> remembered.authenticate(request("agent2", "one-secret", null)))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(5);
        assertThat(remembered.remembered()).isEqualTo(1);
    }

    @Test
    void aRememberedPasswordIsCheckedAgainOnceItsTimeIsUp() {
        remembered.authenticate(request("agent1", "one-secret", null));
        nanos.addAndGet(Duration.ofMinutes(5).minusSeconds(1).toNanos());
        remembered.authenticate(request("agent1", "one-secret", null));
        assertThat(checks).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        remembered.authenticate(request("agent1", "one-secret", null));
        assertThat(checks).hasValue(2);
    }

    @Test
    void rememberingZeroMeansEveryRequestIsChecked() {
        ProviderManager never = (ProviderManager) RememberedPasswords.manager(users, Duration.ZERO);
        ProviderManager fiveMinutes = (ProviderManager) RememberedPasswords.manager(users, Duration.ofMinutes(5));

        assertThat(never.getProviders()).singleElement().isInstanceOf(DaoAuthenticationProvider.class);
        assertThat(fiveMinutes.getProviders()).singleElement().isInstanceOf(RememberedPasswords.class);
        assertThat(fiveMinutes.authenticate(request("agent1", "one-secret", null)).isAuthenticated()).isTrue();
        assertThatThrownBy(() -> fiveMinutes.authenticate(request("agent1", "wrong", null)))
                .isInstanceOf(BadCredentialsException.class);
    }

    private AuthenticationProvider counted(AuthenticationProvider provider) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                checks.incrementAndGet();
                return provider.authenticate(authentication);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return provider.supports(authentication);
            }
        };
    }

    private static UsernamePasswordAuthenticationToken request(String name, String password, String details) {
        UsernamePasswordAuthenticationToken request = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
        request.setDetails(details);
        return request;
    }
}
