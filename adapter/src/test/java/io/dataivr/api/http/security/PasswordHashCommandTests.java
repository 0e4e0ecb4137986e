package io.dataivr.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class PasswordHashCommandTests {

    @Test
    void theHashIsOneSpringSecurityChecksAndDoesNotContainThePassword() {
        String hash = PasswordHashCommand.hash("correct horse battery");

        assertThat(hash).startsWith("{bcrypt}$2a$12$").doesNotContain("horse");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("correct horse battery", hash))
                .isTrue();
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("correct horse", hash))
                .isFalse();
    }
}
