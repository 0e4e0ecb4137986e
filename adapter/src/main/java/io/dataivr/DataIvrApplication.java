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

    public static void main(String[] args) {
        if (args.length > 0 && "menu".equals(args[0])) {
            System.exit(MenuCommandLine.run(DataIvrApplication.class, args));
        }
        if (args.length == 1 && "hash-password".equals(args[0])) {
            System.exit(PasswordHashCommand.run());
        }
        SpringApplication.run(DataIvrApplication.class, args);
    }
}
