package io.dataivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's shell code, run for real: adapter/jvm-options.sh (the one reader of
 * adapter/jvm.options) and scripts/lib/common.sh's steps and ERR trap, sourced by bash as
 * {@code ./dataivr} sources them, in a DATAIVR_HOME of the test's own.
 */
class LauncherTests {

    private static final Path REPO = Path.of(System.getenv().getOrDefault("DATAIVR_HOME", "..")).toAbsolutePath();

    @TempDir
    Path home;

    record Run(int exitCode, String stdout, String stderr) {
    }

    @Test
    void aJvmOptionsFileOfCommentsOnlyGivesNoOptionsAndSucceeds() throws Exception {
        Path file = home.resolve("jvm.options");
        Files.writeString(file, "# a comment\n   # an indented one\n\n");

        Run run = run(List.of("sh", REPO.resolve("adapter/jvm-options.sh").toString(), file.toString()), "");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void jvmOptionsArePrintedOneALineWithoutComments() throws Exception {
        Path file = home.resolve("jvm.options");
        Files.writeString(file, "# heading\n-Xmx1g  -Da=b\n-XX:+UseG1GC # why\n");

        Run run = run(List.of("sh", REPO.resolve("adapter/jvm-options.sh").toString(), file.toString()), "");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().lines()).containsExactly("-Xmx1g", "-Da=b", "-XX:+UseG1GC");
    }

    @Test
    void aMissingJvmOptionsFileFailsAndSaysSo() throws Exception {
        Run run = run(List.of("sh", REPO.resolve("adapter/jvm-options.sh").toString(),
                home.resolve("nothing-here").toString()), "");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("nothing-here is missing");
    }

    @Test
    void theAdaptersStepReadsAnAllCommentJvmOptionsFileWithoutAFailedLine() throws Exception {
        writeAdapterHome("# nothing but comments\n");

        Run run = launcherSteps("step \"reading the JVM options\" read_adapter_jvm_options\n"
                + "echo \"options: ${#ADAPTER_JVM_OPTIONS[@]}\"\n");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).doesNotContain("FAILED", "error").contains("reading the JVM options… ok");
        assertThat(run.stdout()).isEqualTo("options: 0\n");
    }

    @Test
    void theAdaptersStepReadsTheOptionsThatAreThere() throws Exception {
        writeAdapterHome("# heading\n-Xss512k -Dx=1 # trailing\n");

        Run run = launcherSteps("step \"reading the JVM options\" read_adapter_jvm_options\n"
                + "printf '%s\\n' \"${ADAPTER_JVM_OPTIONS[@]}\"\n");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().lines()).containsExactly("-Xss512k", "-Dx=1");
    }

    @Test
    void aFailureInsideACommandSubstitutionWhoseStatusIsIgnoredPrintsNoFailedLine() throws Exception {
        writeAdapterHome("");

        Run run = launcherSteps("ignored() { echo \"$(false; echo never)\" >/dev/null; }\n"
                + "step \"a step\" ignored\necho after\n");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).doesNotContain("FAILED", "error").contains("a step… ok");
        assertThat(run.stdout()).isEqualTo("after\n");
    }

    @Test
    void aFailureInsideACommandSubstitutionThatIsUsedFailsTheStepOnceAndStops() throws Exception {
        writeAdapterHome("");

        Run run = launcherSteps("used() { local x; x=\"$(false; echo never)\"; echo \"$x\"; }\n"
                + "step \"a step\" used\necho after\n");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).containsOnlyOnce("FAILED").doesNotContain("ok (");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void dieInsideACommandSubstitutionFailsTheStepOnceWithItsMessage() throws Exception {
        writeAdapterHome("");

        Run run = launcherSteps("find() { die \"the thing is missing\"; }\n"
                + "used() { local x; x=\"$(find)\"; echo \"$x\"; }\n"
                + "step \"a step\" used\necho after\n");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("error: the thing is missing").containsOnlyOnce("FAILED");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aConfigurationFileInBothAsteriskFoldersStopsTheSync() throws Exception {
        writeAdapterHome("");
        Files.createDirectories(home.resolve("asterisk-config"));
        Files.createDirectories(home.resolve("dialplan"));
        Files.writeString(home.resolve("asterisk-config/extensions.conf"), "; one\n");
        Files.writeString(home.resolve("dialplan/extensions.conf"), "; two\n");

        Run run = launcherSteps("source \"$REPO/scripts/lib/asterisk.sh\"\n"
                + "ASTERISK_ETC=\"$DATAIVR_HOME/etc\"\n"
                + "step \"pushing the configuration\" sync_asterisk_config\necho after\n");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("extensions.conf exists twice").containsOnlyOnce("FAILED");
        assertThat(run.stdout()).isEmpty();
        assertThat(home.resolve("etc")).doesNotExist();
    }

    @Test
    void aTakenPortStopsTheStepAndSaysWhoHoldsIt() throws Exception {
        writeAdapterHome("");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run run = launcherSteps("step \"checking the port\" require_port_free_or_ours \"the adapter\" tcp "
                    + taken.getLocalPort() + " 127.0.0.1\necho after\n");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("port " + taken.getLocalPort() + "/tcp on 127.0.0.1, needed by the adapter,"
                    + " is taken by").containsOnlyOnce("FAILED");
            assertThat(run.stdout()).isEmpty();
        }
    }

    @Test
    void aJsonBodyIsPostedWithItsLengthInBytes() throws Exception {
        writeAdapterHome("");
        String body = "{\"text\":\"话费查询 ✓\"}";
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.CompletableFuture<String> received = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket client = server.accept()) {
                    java.io.InputStream in = client.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        head.append((char) in.read());
                    }
                    int length = Integer.parseInt(head.toString().lines()
                            .filter(line -> line.startsWith("Content-Length: ")).findFirst().orElseThrow()
                            .substring("Content-Length: ".length()).strip());
                    String got = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    client.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return got;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            Run run = launcherSteps("export LANG=C.UTF-8\nhttp_post_json 127.0.0.1 " + server.getLocalPort()
                    + " /p '" + body + "'\n");

            assertThat(run.stdout().strip()).as(run.stderr()).isEqualTo("200");
            assertThat(received.get(10, TimeUnit.SECONDS)).as("the body, read by its Content-Length").isEqualTo(body);
        }
    }

    private void writeAdapterHome(String jvmOptions) throws IOException {
        Files.createDirectories(home.resolve("adapter"));
        Files.copy(REPO.resolve("adapter/jvm-options.sh"), home.resolve("adapter/jvm-options.sh"));
        Files.writeString(home.resolve("adapter/jvm.options"), jvmOptions);
    }

    /** Runs SCRIPT in bash after sourcing the launcher's libraries and installing its ERR trap, as ./dataivr does. */
    private Run launcherSteps(String script) throws Exception {
        String prologue = """
                set -euo pipefail
                REPO="$1"
                DATAIVR_HOME="$2"
                DATAIVR_CACHE="$2/cache"
                source "$REPO/scripts/lib/common.sh"
                source "$REPO/scripts/lib/adapter.sh"
                install_error_trap
                steps_begin 1
                """;
        return run(List.of("bash", "-c", prologue + script, "launcher-test", REPO.toString(), home.toString()), "");
    }

    private Run run(List<String> command, String stdin) throws Exception {
        Path stderr = Files.createTempFile(home, "stderr", ".txt");
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectError(stderr.toFile()).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(process.exitValue(), stdout, Files.readString(stderr));
    }
}
