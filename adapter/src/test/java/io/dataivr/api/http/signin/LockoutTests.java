package io.dataivr.api.http.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dataivr.fixtures.MockMvcSignIn;
import io.dataivr.fixtures.InMemorySignInAttempts;
import io.dataivr.fixtures.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The lock-out (3 wrong passwords, 10 minutes here), through the form and HTTP Basic, on a moved clock. */
@WebMvcTest(controllers = MeController.class)
@TestPropertySource(properties = {"dataivr.admin.username=boss", "dataivr.admin.password=s3cret",
        "dataivr.agent-auth.passwords.agent1=one-secret", "dataivr.signin.lockout.attempts=3",
        "dataivr.signin.lockout.duration=10m", "dataivr.password-check.remember=5m"})
class LockoutTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    MutableClock clock;
    @Autowired
    InMemorySignInAttempts attempts;
    MockMvcSignIn browsers;

    @BeforeEach
    void fresh() {
        attempts.clearAll();
        browsers = new MockMvcSignIn(mvc);
    }

    @Test
    void wrongPasswordsInARowLockTheUserEvenForTheRightOneUntilTheLockEnds() throws Exception {
        // Remembered by HTTP Basic before the lock: being remembered lets nobody past a lock.
        mvc.perform(get("/api/v1/me").with(httpBasic("agent1", "one-secret"))).andExpect(status().isOk());
        assertThat(browsers.signIn("agent1", "wrong-1").redirectedTo()).isEqualTo("/login?error=bad");
        mvc.perform(get("/api/v1/me").with(httpBasic("agent1", "wrong-2"))).andExpect(status().isUnauthorized());
        assertThat(browsers.signIn("agent1", "wrong-3").redirectedTo()).isEqualTo("/login?error=locked&minutes=10");

        assertThat(browsers.signIn("agent1", "one-secret").redirectedTo()).isEqualTo("/login?error=locked&minutes=10");
        mvc.perform(get("/api/v1/me").with(httpBasic("agent1", "one-secret")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Retry-After", "600"))
                .andExpect(jsonPath("$.code").value("ACCOUNT_LOCKED"))
                .andExpect(jsonPath("$.lockedUntil").value("2026-01-05T09:10:00Z"));
        mvc.perform(get("/api/v1/agents/agent1").with(httpBasic("agent1", "one-secret")))
                .andExpect(jsonPath("$.code").value("ACCOUNT_LOCKED"));

        clock.advance(Duration.ofMinutes(9));
        assertThat(browsers.signIn("agent1", "one-secret").redirectedTo()).isEqualTo("/login?error=locked&minutes=1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(browsers.signIn("agent1", "one-secret").redirectedTo()).isEqualTo("/agent/");
        assertThat(attempts.find("agent1").failures()).isZero();
    }

    @Test
    void aSuccessForgetsTheWrongPasswordsBeforeIt() throws Exception {
        browsers.signIn("boss", "wrong-1");
        browsers.signIn("boss", "wrong-2");
        assertThat(attempts.find("boss").failures()).isEqualTo(2);
        assertThat(browsers.signIn("boss", "s3cret").redirectedTo()).isEqualTo("/wallboard/");
        browsers.signIn("boss", "wrong-3");
        browsers.signIn("boss", "wrong-4");
        assertThat(browsers.signIn("boss", "s3cret").redirectedTo()).isEqualTo("/wallboard/");
    }

    @Test
    void unknownNamesAreNotCountedSoTheyFillNothing() throws Exception {
        for (int i = 0; i < 5; i++) {
            browsers.signIn("nobody", "guess-" + i);
        }
        assertThat(attempts.find("nobody").failures()).isZero();
    }
}
