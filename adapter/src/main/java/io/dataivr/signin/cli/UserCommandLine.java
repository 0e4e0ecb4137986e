package io.dataivr.signin.cli;

import io.dataivr.signin.Role;
import io.dataivr.signin.UserAccounts;
import io.dataivr.signin.UserListing;
import io.dataivr.system.DomainException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code user add NAME --role agent|supervisor|admin} / {@code user remove NAME} / {@code user list}:
 * the users table of the sign-in (docs/sign-in.md). The password is typed twice without echo on a
 * terminal, else read from the first line of stdin; never from the command line. Runs with the
 * {@code admin} profile (database only). Exit codes: 0 done, 1 failure (database unreachable, no
 * such user, name taken: 3), 2 bad name or password, 64 usage.
 */
public final class UserCommandLine {

    static final int EXISTS = 3;
    private static final String USAGE = """
            usage: dataivr user add NAME --role agent|supervisor|admin   add a user; the password is read
                                                                        from the terminal (twice, no echo)
                                                                        or the first line of stdin
                   dataivr user remove NAME                            remove a user of the table; its
                                                                        page sessions end at once
                   dataivr user list                                   each user: name, role, locked or not
            NAME: 1-64 of [A-Za-z0-9_-]; an agent's user name is its agent name.
            """;

    private UserCommandLine() {
    }

    public static int run(Class<?> application, String[] args, InputStream stdin) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (args.length >= 2 && (args[1].equals("--help") || args[1].equals("-h"))) {
            out.print(USAGE);
            return 0;
        }
        Optional<Role> role = Optional.empty();
        if (args.length == 5 && args[1].equals("add") && args[3].equals("--role")) {
            role = Role.ofId(args[4]);
            if (role.isEmpty()) {
                err.println("unknown role " + args[4] + " (agent, supervisor or admin)");
                return 64;
            }
        } else if (!(args.length == 2 && args[1].equals("list") || args.length == 3 && args[1].equals("remove"))) {
            err.print(USAGE);
            return 64;
        }
        char[] password = null;
        if (role.isPresent()) {
            try {
                password = readPassword(stdin, err);
            } catch (IOException e) {
                err.println("cannot read the password: " + e.getMessage());
                return 1;
            }
            if (password == null || password.length == 0) {
                err.println("no password given (type it, or give it as the first line of stdin)");
                return 2;
            }
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .profiles("admin").web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties("logging.level.root=WARN", "logging.level.org.flywaydb=ERROR", "dataivr.menu.load=",
                        "spring.autoconfigure.exclude="
                                + "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration,"
                                + "org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration")
                .run()) {
            UserAccounts users = context.getBean(UserAccounts.class);
            String actor = "cli:" + System.getProperty("user.name", "unknown");
            switch (args[1]) {
                case "add" -> {
                    users.add(args[2], role.orElseThrow(), java.nio.CharBuffer.wrap(password), actor);
                    out.println("added user " + args[2] + " (" + role.get().id() + ")");
                }
                case "remove" -> {
                    users.remove(args[2]);
                    out.println("removed user " + args[2]);
                }
                default -> print(users.list(), out);
            }
            return 0;
        } catch (RuntimeException e) {
            DomainException domain = rootDomainError(e);
            err.println(domain != null ? domain.code() + ": " + domain.getMessage() : "failed: " + e.getMessage());
            if (domain == null) {
                return 1;
            }
            return switch (domain.code()) {
                case "USER_EXISTS" -> EXISTS;
                case "USER_NOT_FOUND" -> 1;
                default -> 2;
            };
        } finally {
            if (password != null) {
                Arrays.fill(password, ' ');
            }
        }
    }

    private static void print(List<UserListing> users, PrintStream out) {
        for (UserListing user : users) {
            out.println(user.name() + "\t" + user.role().id() + "\t"
                    + (user.lockedUntil() == null ? "active" : "locked until " + user.lockedUntil()));
        }
    }

    private static char[] readPassword(InputStream stdin, PrintStream err) throws IOException {
        Console console = System.console();
        if (console != null && stdin == System.in) {
            char[] typed = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            try {
                if (typed == null || !Arrays.equals(typed, again)) {
                    err.println("the two passwords differ");
                    return null;
                }
                return typed.clone();
            } finally {
                if (typed != null) {
                    Arrays.fill(typed, ' ');
                }
                if (again != null) {
                    Arrays.fill(again, ' ');
                }
            }
        }
        String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }

    private static DomainException rootDomainError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain) {
                return domain;
            }
        }
        return null;
    }
}
