package io.dataivr.api.http.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code hash-password}: reads a password (typed without echo on a terminal, else the first line of
 * stdin) and prints its bcrypt hash for {@code dataivr.admin.password-hash}. Exit codes: 0 done,
 * 1 no password given.
 */
public final class PasswordHashCommand {

    static final int MIN_LENGTH = 12;

    private PasswordHashCommand() {
    }

    public static int run() {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        String password;
        try {
            password = read(err);
        } catch (IOException e) {
            err.println("cannot read the password: " + e.getMessage());
            return 1;
        }
        if (password == null || password.isEmpty()) {
            err.println("no password given");
            return 1;
        }
        if (password.length() < MIN_LENGTH) {
            err.println("warning: a password of fewer than " + MIN_LENGTH + " characters is easy to guess");
        }
        out.println(hash(password));
        return 0;
    }

    static String hash(String password) {
        return "{bcrypt}" + new BCryptPasswordEncoder(12).encode(password);
    }

    private static String read(PrintStream err) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            try {
                if (typed == null || !Arrays.equals(typed, again)) {
                    err.println("the two passwords differ");
                    return null;
                }
                return new String(typed);
            } finally {
                if (typed != null) {
                    Arrays.fill(typed, ' ');
                }
                if (again != null) {
                    Arrays.fill(again, ' ');
                }
            }
        }
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
