package io.dataivr.menu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.DataIvrApplication;
import io.dataivr.fixtures.DemoMenu;
import io.dataivr.menu.MenuFileReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code menu import} / {@code menu export} against the real test database. */
class MenuCommandLineIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void importPrintsTheVersionAndExportGivesBackTheSameMenu() throws Exception {
        String id = "cli-" + System.nanoTime();
        Path file = dir.resolve("menu.yaml");
        Files.writeString(file, Files.readString(DemoMenu.file()).replace("menu: telecom", "menu: " + id));

        Result imported = run("menu", "import", file.toString());
        assertThat(imported.code).as(imported.err).isZero();
        assertThat(imported.out).contains("imported menu " + id + " version 1");

        Result exported = run("menu", "export", id);
        assertThat(exported.code).isZero();
        MenuFileReader reader = new MenuFileReader();
        assertThat(reader.read(exported.out.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(reader.read(Files.readAllBytes(file)));
    }

    @Test
    void anInvalidFileExitsWithTwoAndOneErrorPerLineAndChangesNothing() throws Exception {
        String id = "cli-bad-" + System.nanoTime();
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "menu: " + id + "\nlanguages: [en]\ntitle: T\nitems:\n"
                + "  - {key: \"1\", label: A}\n  - {key: \"1\", label: B, content: b}\n");

        Result result = run("menu", "import", file.toString());

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err.lines()).contains(
                "items[0]: must have exactly one of content, items, voice (has 0)",
                "items[1].key: duplicate key \"1\"");
        assertThat(run("menu", "export", id).code).isEqualTo(1);
    }

    @Test
    void listShowsTheMenuWithItsVersionsAndDeleteTakesItOutOfService() throws Exception {
        String id = "cli-del-" + System.nanoTime();
        Path file = dir.resolve("menu.yaml");
        Files.writeString(file, "menu: " + id + "\nlanguages: [en]\ntitle: T\nitems:\n  - {key: '1', label: A, content: a}\n");
        assertThat(run("menu", "import", file.toString()).code).isZero();
        assertThat(run("menu", "import", file.toString()).out).contains("version 2");

        Result listed = run("menu", "list");
        assertThat(listed.code).as(listed.err).isZero();
        assertThat(listed.out.lines()).contains(id + "\tversion 2\tversions 1,2");

        Result deleted = run("menu", "delete", id);
        assertThat(deleted.code).as(deleted.err).isZero();
        assertThat(deleted.out).contains("deleted menu " + id);
        assertThat(run("menu", "list").out).doesNotContain(id);
        assertThat(run("menu", "export", id).code).isEqualTo(1);
        Result again = run("menu", "delete", id);
        assertThat(again.code).isEqualTo(1);
        assertThat(again.err).contains("MENU_NOT_FOUND");
    }

    @Test
    void aWrongCommandIsAUsageError() {
        assertThat(run("menu", "list", "extra").code).isEqualTo(64);
        assertThat(run("menu", "delete").code).isEqualTo(64);
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            System.setProperty("spring.profiles.include", "test");
            int code = MenuCommandLine.run(DataIvrApplication.class, args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("spring.profiles.include");
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private record Result(int code, String out, String err) {
    }
}
