package io.dataivr;

import io.dataivr.system.MenuCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The DataIVR adapter. Without arguments it serves; {@code menu import FILE} and {@code menu export ID}
 * run one admin command against the database and exit.
 */
@SpringBootApplication
public class DataIvrApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "menu".equals(args[0])) {
            System.exit(MenuCommandLine.run(DataIvrApplication.class, args));
        }
        SpringApplication.run(DataIvrApplication.class, args);
    }
}
