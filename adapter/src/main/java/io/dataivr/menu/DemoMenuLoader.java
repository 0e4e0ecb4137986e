package io.dataivr.menu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/** Publishes the configured menu files at start-up, unless the version in service already equals the file. */
final class DemoMenuLoader implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DemoMenuLoader.class);

    private final MenuService menus;
    private final MenuProperties properties;

    DemoMenuLoader(MenuService menus, MenuProperties properties) {
        this.menus = menus;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        for (Path file : properties.load()) {
            try {
                Menu published = menus.importIfChanged(Files.readAllBytes(file));
                log.info("menu file {}: {} version {} in service", file, published.id(), published.version());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read menu file " + file, e);
            }
        }
    }
}
