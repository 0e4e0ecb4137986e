package io.dataivr;

import io.dataivr.system.MenuCommandLine;
import io.dataivr.system.PasswordHashCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The DataIVR adapter. Without arguments it serves; {@code menu import FILE} and {@code menu export ID}
 * run one admin command against the database and exit; {@code hash-password} prints the bcrypt hash
 * of a password for {@code dataivr.admin.password-hash}.
 */
@SpringBootApplication
public class DataIvrApplication {

    private static final String TOMCAT_WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        if (args.length > 0 && "menu".equals(args[0])) {
            System.exit(MenuCommandLine.run(DataIvrApplication.class, args));
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
