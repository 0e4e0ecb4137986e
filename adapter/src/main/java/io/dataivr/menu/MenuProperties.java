package io.dataivr.menu;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Menu settings (keys commented in application.yml).
 *
 * @param load menu files published at start-up when they differ from the version in service
 */
@ConfigurationProperties("dataivr.menu")
public record MenuProperties(List<Path> load) {
    public MenuProperties {
        load = load == null ? List.of() : List.copyOf(load);
    }
}
