package io.dataivr.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class ActuatorUsersTests {

    private static final AdminProperties ADMIN = new AdminProperties("ops", null, "admin-pw");
    private final UserDetailsService admins = new AdminUserConfiguration().adminUsers(ADMIN);
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void theScrapeUserHasTheMetricsRoleOnlyBesideTheAdmin() {
        String hash = new BCryptPasswordEncoder(4).encode("scrape-pw");
        UserDetailsService users = ActuatorUsers.of(admins, ADMIN, new ScrapeProperties("prometheus", hash, null));
        UserDetails scraper = users.loadUserByUsername("prometheus");
        assertThat(scraper.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_METRICS");
        assertThat(encoder.matches("scrape-pw", scraper.getPassword())).isTrue();
        assertThat(users.loadUserByUsername("ops").getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_ADMIN");
        assertThatThrownBy(() -> users.loadUserByUsername("Prometheus")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void withoutAScrapeUserOnlyTheAdminIsThere() {
        UserDetailsService users = ActuatorUsers.of(admins, ADMIN, new ScrapeProperties(null, null, null));
        assertThatThrownBy(() -> users.loadUserByUsername("prometheus")).isInstanceOf(UsernameNotFoundException.class);
        assertThat(new ScrapeProperties("prometheus", " ", "").configured()).isFalse();
    }

    @Test
    void badScrapeSettingsStopTheStartWithoutShowingTheSecret() {
        assertThatThrownBy(() -> ActuatorUsers.of(admins, ADMIN, new ScrapeProperties("ops", null, "pw")))
                .hasMessageContaining("may not be the admin's");
        assertThatThrownBy(() -> ActuatorUsers.of(admins, ADMIN, new ScrapeProperties("p", "{bcrypt}x", "pw")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ActuatorUsers.of(admins, ADMIN, new ScrapeProperties("p", "hunter2", null)))
                .hasMessageNotContaining("hunter2");
        assertThat(new ScrapeProperties("p", "{bcrypt}x", null).toString()).doesNotContain("{bcrypt}x");
    }
}
