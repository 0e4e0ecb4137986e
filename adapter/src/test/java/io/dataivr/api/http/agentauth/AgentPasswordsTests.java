package io.dataivr.api.http.agentauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class AgentPasswordsTests {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @TempDir
    Path dir;

    @Test
    void aPasswordFileOfNameAndHashLinesAndClearDevelopmentPasswordsAreMerged() throws Exception {
        String hash = new BCryptPasswordEncoder(4).encode("desk-1");
        Path file = Files.writeString(dir.resolve("agents"), "# desk phones\n\nagent1:" + hash
                + "\nagent2 : {bcrypt}" + hash + "\n");
        Map<String, String> hashes = AgentPasswords.read(new AgentAuthProperties(file.toString(),
                Map.of("agent3", "dev-3")));
        assertThat(hashes).containsOnlyKeys("agent1", "agent2", "agent3");
        assertThat(encoder.matches("desk-1", hashes.get("agent1"))).isTrue();
        assertThat(encoder.matches("desk-1", hashes.get("agent2"))).isTrue();
        assertThat(encoder.matches("dev-3", hashes.get("agent3"))).isTrue();
        assertThat(hashes.get("agent3")).doesNotContain("dev-3");
    }

    @Test
    void badEntriesStopTheStartNamingTheLineButNeverTheSecret() throws Exception {
        Path clear = Files.writeString(dir.resolve("clear"), "agent1:hunter2\n");
        assertThatThrownBy(() -> AgentPasswords.read(new AgentAuthProperties(clear.toString(), null)))
                .hasMessageContaining("line 1").hasMessageContaining("not a bcrypt hash").hasMessageNotContaining("hunter2");
        Path noop = Files.writeString(dir.resolve("noop"), "\nagent1:{noop}hunter2\n");
        assertThatThrownBy(() -> AgentPasswords.read(new AgentAuthProperties(noop.toString(), null)))
                .hasMessageContaining("line 2").hasMessageContaining("{noop}").hasMessageNotContaining("hunter2");
        Path twice = Files.writeString(dir.resolve("twice"), "agent1:{bcrypt}x\nagent1:{bcrypt}y\n");
        assertThatThrownBy(() -> AgentPasswords.read(new AgentAuthProperties(twice.toString(), null)))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> AgentPasswords.read(new AgentAuthProperties(null, Map.of("bad name", "x"))))
                .hasMessageContaining("agent name");
        assertThatThrownBy(() -> AgentPasswords.read(new AgentAuthProperties(dir.resolve("missing").toString(), null)))
                .hasMessageContaining("cannot read");
        assertThat(new AgentAuthProperties(null, Map.of("agent1", "hunter2")).toString()).doesNotContain("hunter2");
    }

    @Test
    void developmentPasswordsComeFromTheEnvironmentAsDataivrAgentauthPasswordsName() {
        // What ./dataivr up exports (scripts/lib/adapter.sh, export_agent_credentials).
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "DATAIVR_AGENTAUTH_PASSWORDS_AGENT1", "agent1-dataivr-dev",
                "DATAIVR_AGENT_PASSWORD_FILE", ""));
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
        AgentAuthProperties bound = Binder.get(spring).bind("dataivr.agent-auth", AgentAuthProperties.class).get();
        assertThat(bound.passwords()).containsOnlyKeys("agent1");
        assertThat(encoder.matches("agent1-dataivr-dev", AgentPasswords.read(bound).get("agent1"))).isTrue();
    }

    @Test
    void nothingConfiguredMeansNoAgent() {
        assertThat(AgentPasswords.read(new AgentAuthProperties(" ", null))).isEmpty();
    }
}
