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

class AdminUserConfigurationTests {

    private final AdminUserConfiguration configuration = new AdminUserConfiguration();
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void aBcryptHashWithOrWithoutItsPrefixChecksThePassword() {
        String bare = new BCryptPasswordEncoder(4).encode("pa55");
        for (String hash : new String[] {bare, "{bcrypt}" + bare, bare.replaceFirst("^\\$2a", "\\$2y")}) {
            UserDetails admin = users(new AdminProperties("ops", hash, null)).loadUserByUsername("ops");
            assertThat(encoder.matches("pa55", admin.getPassword())).as(hash).isTrue();
            assertThat(encoder.matches("pa56", admin.getPassword())).as(hash).isFalse();
        }
    }

    @Test
    void aClearPasswordIsKeptOnlyAsAHash() {
        UserDetails admin = users(new AdminProperties("ops", null, "pa55")).loadUserByUsername("ops");
        assertThat(admin.getPassword()).startsWith("{bcrypt}").doesNotContain("pa55");
        assertThat(encoder.matches("pa55", admin.getPassword())).isTrue();
        assertThat(admin.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
    }

    @Test
    void theAdminIsFoundByItsExactNameOnlyAndEachTimeWithItsPassword() {
        UserDetailsService users = users(new AdminProperties("Ops", null, "pa55"));
        assertThatThrownBy(() -> users.loadUserByUsername("ops")).isInstanceOf(UsernameNotFoundException.class);
        assertThatThrownBy(() -> users.loadUserByUsername("OPS")).isInstanceOf(UsernameNotFoundException.class);
        UserDetails first = users.loadUserByUsername("Ops");
        ((org.springframework.security.core.CredentialsContainer) first).eraseCredentials();
        assertThat(users.loadUserByUsername("Ops").getPassword()).as("a copy each time").startsWith("{bcrypt}");
    }

    @Test
    void withoutCredentialsThereIsNoUserAtAll() {
        UserDetailsService none = users(new AdminProperties(null, null, null));
        assertThatThrownBy(() -> none.loadUserByUsername("admin")).isInstanceOf(UsernameNotFoundException.class);
        assertThat(new AdminProperties("ops", " ", "").configured()).isFalse();
    }

    @Test
    void badSettingsStopTheStartWithoutShowingTheSecret() {
        assertThatThrownBy(() -> users(new AdminProperties("ops", "{bcrypt}x", "pa55")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> users(new AdminProperties("ops", "{noop}hunter2", null)))
                .hasMessageContaining("unknown hash kind {noop}").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> users(new AdminProperties("ops", "hunter2", null)))
                .hasMessageContaining("not a bcrypt hash").hasMessageNotContaining("hunter2");
        assertThat(new AdminProperties("ops", "{bcrypt}secret-hash", "pw").toString())
                .doesNotContain("secret-hash").doesNotContain("pw]");
    }

    private UserDetailsService users(AdminProperties properties) {
        return configuration.adminUsers(properties);
    }
}
