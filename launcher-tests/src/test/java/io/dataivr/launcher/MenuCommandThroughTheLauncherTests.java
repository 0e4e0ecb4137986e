package io.dataivr.launcher;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code ./dataivr menu …} as an admin or a script types it: the real launcher running the adapter's
 * jar this build packaged, against this checkout's test database. The exit codes and the output are the
 * contract (DESIGN.md, "The command line"): 0 and the menu id and version, 2 and one {@code PATH: message}
 * line per error on stderr, 64 for a usage error.
 */
class MenuCommandThroughTheLauncherTests {

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
    void importPrintsTheMenuAndItsVersionAndExitsZeroThenExportPrintsTheSameMenu() throws Exception {
        String id = "launcher-" + System.nanoTime();
        Path file = dir.resolve("menu.yaml");
        Files.writeString(file, Files.readString(REPO.resolve("menus/telecom.yaml")).replace("menu: telecom", "menu: " + id));

        Run imported = dataivr("menu", "import", file.toString());

        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(imported.stdout()).contains(id).contains("version 1");
        Run exported = dataivr("menu", "export", id);
        assertThat(exported.exitCode()).as(exported.stderr()).isZero();
        assertThat(exported.stdout()).startsWith("menu: " + id).contains("话费查询");
    }

    @Test
    void anInvalidFileExitsWithTwoAndPrintsEachErrorAsPathColonMessage() throws Exception {
        String id = "launcher-bad-" + System.nanoTime();
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "menu: " + id + "\nlanguages: [en]\ntitle: T\nitems:\n"
                + "  - {key: \"1\", label: A}\n  - {key: \"1\", label: B, content: b}\n");

        Run run = dataivr("menu", "import", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines()).contains("items[0]: must have exactly one of content, items, voice (has 0)",
                "items[1].key: duplicate key \"1\"");
        assertThat(dataivr("menu", "export", id).exitCode()).as("nothing imported").isEqualTo(1);
    }

    @Test
    void aMissingFileAndAnUnknownCommandAreTold() throws Exception {
        Run missing = dataivr("menu", "import", dir.resolve("nowhere.yaml").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("nowhere.yaml");

        Run unknown = dataivr("menu", "frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(64);
        assertThat(unknown.stderr()).contains("unknown menu command");
    }

    private Run dataivr(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("dataivr").toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.put("DATAIVR_DB_URL", TEST_DB);
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(process.exitValue(), stdout, Files.readString(stderr));
    }
}
