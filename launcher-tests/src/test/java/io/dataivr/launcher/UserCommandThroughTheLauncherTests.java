package io.dataivr.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./dataivr user …} as an admin's script types it (docs/sign-in.md): the real launcher running
 * the adapter's jar against this checkout's test database, the password on stdin, never in argv.
 */
class UserCommandThroughTheLauncherTests {

    private static final Path REPO = Path.of(System.getenv().getOrDefault("DATAIVR_HOME", "..")).toAbsolutePath()
            .normalize();
    private static final String TEST_DB = System.getenv().getOrDefault("DATAIVR_TEST_DB_URL",
            "jdbc:postgresql://127.0.0.1:5432/dataivr_test");

    @TempDir
    Path dir;

    record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void theJarIsBuilt() {
        assertThat(REPO.resolve("adapter/target/dataivr-adapter.jar"))
                .as("the adapter's jar, packaged by this build before these tests").exists();
    }

    @Test
    void addListRemoveWithThePasswordOnStdin() throws Exception {
        String name = "launcher-sup-" + System.nanoTime() % 1_000_000_000;
        Run added = dataivr("launcher-password-1\n", "user", "add", name, "--role", "supervisor");
        assertThat(added.exitCode()).as(added.stderr()).isZero();
        assertThat(added.stdout()).contains("added user " + name + " (supervisor)");
        assertThat(added.stdout() + added.stderr()).doesNotContain("launcher-password-1");

        Run listed = dataivr("", "user", "list");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout().lines()).contains(name + "\tsupervisor\tactive");

        Run taken = dataivr("launcher-password-2\n", "user", "add", name, "--role", "agent");
        assertThat(taken.exitCode()).isEqualTo(3);
        assertThat(taken.stderr()).contains("USER_EXISTS");

        assertThat(dataivr("", "user", "remove", name).exitCode()).isZero();
        assertThat(dataivr("", "user", "list").stdout()).doesNotContain(name);
    }

    @Test
    void helpAndUsageErrors() throws Exception {
        Run help = dataivr("", "user", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("./dataivr user add NAME --role agent|supervisor|admin");
        assertThat(dataivr("", "user").exitCode()).isEqualTo(64);
        Run unknown = dataivr("", "user", "frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(64);
        assertThat(unknown.stderr()).contains("unknown user command");
    }

    private Run dataivr(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("dataivr").toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.put("DATAIVR_DB_URL", TEST_DB);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(process.exitValue(), stdout, Files.readString(stderr));
    }
}
