package io.dataivr.signin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.DataIvrApplication;
import io.dataivr.fixtures.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code user add / list / remove} against the real test database (table console_user, V11). */
class UserCommandLineIntegrationTests {


    @Test
    void addListAndRemoveAUserWhosePasswordIsStoredOnlyAsABcryptHash() throws Exception {
        String name = "sup-" + System.nanoTime();
        Result added = run("supervisor-password-1\n", "user", "add", name, "--role", "supervisor");
        assertThat(added.code).as(added.err).isZero();
        assertThat(added.out).contains("added user " + name + " (supervisor)");

        Result listed = run("", "user", "list");
        assertThat(listed.code).as(listed.err).isZero();
        assertThat(listed.out.lines()).contains(name + "\tsupervisor\tactive");
        assertThat(listed.out).doesNotContain("$2a$").doesNotContain("bcrypt");
        assertThat(storedHash(name)).startsWith("{bcrypt}$2a$12$").doesNotContain("supervisor-password-1");

        Result again = run("other-password-2\n", "user", "add", name, "--role", "agent");
        assertThat(again.code).isEqualTo(UserCommandLine.EXISTS);
        assertThat(again.err).contains("USER_EXISTS");

        Result removed = run("", "user", "remove", name);
        assertThat(removed.code).as(removed.err).isZero();
        assertThat(run("", "user", "list").out).doesNotContain(name);
        Result gone = run("", "user", "remove", name);
        assertThat(gone.code).isEqualTo(1);
        assertThat(gone.err).contains("USER_NOT_FOUND");
    }

    @Test
    void aLockedUserIsListedAsLocked() throws Exception {
        String name = "agent-" + System.nanoTime();
        assertThat(run("agent-password-1\n", "user", "add", name, "--role", "agent").code).isZero();
        try (var db = TestDatabase.connect()) {
            db.createStatement().executeUpdate("insert into signin_failure (name, failures, locked_until, "
                    + "last_failure_at) values ('" + name + "', 5, now() + interval '10 minutes', now())");
        }
        assertThat(run("", "user", "list").out.lines()).anyMatch(line -> line.startsWith(name + "\tagent\tlocked until "));
        assertThat(run("", "user", "remove", name).code).isZero();
    }

    @Test
    void badNamesShortPasswordsAndWrongUsageChangeNothing() {
        assertThat(run("long-enough-password\n", "user", "add", "bad name", "--role", "agent").code).isEqualTo(2);
        Result shortPassword = run("short\n", "user", "add", "agent-short", "--role", "agent");
        assertThat(shortPassword.code).isEqualTo(2);
        assertThat(shortPassword.err).contains("PASSWORD_TOO_SHORT");
        assertThat(run("", "user", "add", "agent-empty", "--role", "agent").code).isEqualTo(2);
        assertThat(run("long-enough-password\n", "user", "add", "x", "--role", "boss").code).isEqualTo(64);
        assertThat(run("", "user", "add", "x", "long-enough-password").code).isEqualTo(64);
        assertThat(run("", "user", "list", "extra").code).isEqualTo(64);
        assertThat(run("", "user").code).isEqualTo(64);
        assertThat(run("", "user", "list").out).doesNotContain("agent-short").doesNotContain("agent-empty");
    }

    private static String storedHash(String name) throws Exception {
        try (var db = TestDatabase.connect();
                var query = db.prepareStatement("select password_hash from console_user where name = ?")) {
            query.setString(1, name);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            System.setProperty("spring.profiles.include", "test");
            int code = UserCommandLine.run(DataIvrApplication.class, args,
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
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
