package io.dataivr;

import io.dataivr.api.http.security.PasswordHashCommand;
import io.dataivr.menu.cli.MenuCommandLine;
import io.dataivr.signin.cli.UserCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The DataIVR adapter. Without arguments it serves; {@code menu import FILE}, {@code menu export ID},
 * {@code menu list} and {@code menu delete ID} run one admin command against the database and exit
 * ({@link MenuCommandLine}); {@code user add|remove|list} manages the people who sign in
 * ({@link UserCommandLine}); {@code hash-password} reads a password on stdin and prints its bcrypt
 * hash for {@code dataivr.admin.password-hash} or an agents' password file.
 */
@SpringBootApplication
public class DataIvrApplication {

    private static final String TOMCAT_WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        if (args.length > 0 && "menu".equals(args[0])) {
            System.exit(MenuCommandLine.run(DataIvrApplication.class, args));
        }
        if (args.length > 0 && "user".equals(args[0])) {
            System.exit(UserCommandLine.run(DataIvrApplication.class, args, System.in));
        }
        if (args.length == 1 && "hash-password".equals(args[0])) {
            System.exit(PasswordHashCommand.run());
        }
        // Tomcat's WebSocket buffers (8 KiB each way by default) are allocated per connection, and an
        // app keeps its connection for the whole session: 2 KiB lets ten thousand sessions fit in a
        // 512 MiB heap. Larger frames are still read in pieces. An explicit -D setting wins.
        if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER) == null) {
            System.setProperty(TOMCAT_WEBSOCKET_BUFFER, "2048");
        }
        SpringApplication.run(DataIvrApplication.class, args);
    }
}
