package io.dataivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml names the same stack, ports and files as the native path. */
class DockerComposeTests {

    private static final Path HOME = Path.of(System.getenv().getOrDefault("DATAIVR_HOME", ".."));

    @Test
    @SuppressWarnings("unchecked")
    void composeHasTheFourServicesOnTheHostsLoopbackPortsWithMountsThatExist() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(HOME.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat(services).containsOnlyKeys("asterisk", "postgres", "redis", "adapter");
        services.forEach((name, service) ->
                assertThat(service.get("network_mode")).as("%s network_mode", name).isEqualTo("host"));
        assertThat(String.join(" ", (List<String>) services.get("postgres").get("command"))).contains("port=5432");
        assertThat((List<String>) services.get("redis").get("command")).containsSequence("--port", "6379");
        assertThat(services.get("adapter").get("depends_on").toString()).contains("postgres", "redis", "asterisk");

        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Object build = service.getValue().get("build");
            if (build != null) {
                assertThat(HOME.resolve(build.toString()).resolve("Dockerfile")).as("%s Dockerfile", service.getKey()).isRegularFile();
            }
            for (Object volume : (List<Object>) service.getValue().getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                assertThat(HOME.resolve(source)).as("%s mounts %s", service.getKey(), source).exists();
            }
        }
        assertThat(services.get("asterisk").get("volumes").toString())
                .contains("./asterisk-config:", "./dialplan:");
        assertThat(services.get("adapter").get("volumes").toString()).contains("./db/migration:");
    }

    @Test
    void theNativeConfigUsesTheSamePorts() throws IOException {
        String pjsip = Files.readString(HOME.resolve("asterisk-config/pjsip.conf"));
        String manager = Files.readString(HOME.resolve("asterisk-config/manager.conf"));
        String dialplan = Files.readString(HOME.resolve("dialplan/extensions.conf"));

        assertThat(pjsip).containsPattern("bind\\s*=\\s*127\\.0\\.0\\.1:5060");
        assertThat(manager).containsPattern("port\\s*=\\s*5038");
        assertThat(dialplan).contains("agi://127.0.0.1:4573");
    }
}
