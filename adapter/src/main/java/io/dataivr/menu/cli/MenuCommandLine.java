package io.dataivr.menu.cli;

import io.dataivr.menu.InvalidMenuFile;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuAdminService;
import io.dataivr.menu.MenuFileError;
import io.dataivr.menu.MenuSummary;
import io.dataivr.menu.NoSuchMenu;
import io.dataivr.system.DomainException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code menu import FILE} / {@code menu export ID} / {@code menu list} / {@code menu delete ID}: the
 * admin's command line; publications and deletions are recorded as by {@code cli:<os user>}. Runs with the
 * {@code admin} profile (database only: no AMI, no FastAGI, no HTTP). Exit codes: 0 done, 1 failure
 * (database unreachable, unknown menu), 2 invalid menu file, 64 usage.
 */
public final class MenuCommandLine {

    public static final String PROFILE = "admin";
    private static final String USAGE = """
            usage: dataivr menu import FILE   validate FILE and publish it as the menu's next version
                   dataivr menu export ID     print the menu in service as a menu file (YAML)
                   dataivr menu list          print each menu in service: id, version in service, versions
                   dataivr menu delete ID     take the menu out of service (new sessions get MENU_NOT_FOUND)
            """;

    private MenuCommandLine() {
    }

    public static int run(Class<?> application, String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (!usable(args)) {
            err.print(USAGE);
            return args.length >= 2 && (args[1].equals("--help") || args[1].equals("-h")) ? 0 : 64;
        }
        byte[] file = null;
        if (args[1].equals("import")) {
            try {
                file = Files.readAllBytes(Path.of(args[2]));
            } catch (IOException e) {
                err.println(args[2] + ": cannot read the file (" + e.getMessage() + ")");
                return 1;
            }
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .profiles(PROFILE).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                // Flyway's "schema is newer than these migrations" warning would land in export's stdout.
                .properties("logging.level.root=WARN", "logging.level.org.flywaydb=ERROR", "dataivr.menu.load=",
                        // The database only: no Redis client either.
                        "spring.autoconfigure.exclude="
                                + "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration,"
                                + "org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration")
                .run()) {
            MenuAdminService menus = context.getBean(MenuAdminService.class);
            String actor = "cli:" + System.getProperty("user.name", "unknown");
            switch (args[1]) {
                case "import" -> {
                    Menu menu = menus.publish(file, actor);
                    out.println("imported menu " + menu.id() + " version " + menu.version());
                }
                case "export" -> out.print(menus.export(args[2]));
                case "list" -> menus.list().forEach(menu -> out.println(line(menu)));
                default -> {
                    menus.delete(args[2], actor);
                    out.println("deleted menu " + args[2]);
                }
            }
            return 0;
        } catch (RuntimeException e) {
            return report(rootDomainError(e), e, err);
        }
    }

    private static boolean usable(String[] args) {
        if (args.length == 2) {
            return args[1].equals("list");
        }
        return args.length == 3 && (args[1].equals("import") || args[1].equals("export") || args[1].equals("delete"));
    }

    private static String line(MenuSummary menu) {
        return menu.id() + "\tversion " + menu.publishedVersion() + "\tversions "
                + menu.versions().stream().map(v -> String.valueOf(v.version())).reduce((a, b) -> a + "," + b).orElse("");
    }

    private static int report(DomainException domain, RuntimeException e, PrintStream err) {
        if (domain instanceof InvalidMenuFile invalid) {
            for (MenuFileError error : invalid.errors()) {
                err.println(error);
            }
            return 2;
        }
        if (domain instanceof NoSuchMenu) {
            err.println(domain.code() + ": " + domain.getMessage());
            return 1;
        }
        err.println("failed: " + (domain != null ? domain.getMessage() : e.getMessage()));
        return 1;
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
