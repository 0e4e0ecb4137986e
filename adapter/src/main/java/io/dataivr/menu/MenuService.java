package io.dataivr.menu;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Use cases on menus: import a file (validated whole, then published atomically), export, read. */
public class MenuService {

    private static final Logger log = LoggerFactory.getLogger(MenuService.class);

    private final MenuStore store;
    private final MenuFileReader reader = new MenuFileReader();
    private final MenuFileWriter writer = new MenuFileWriter();

    public MenuService(MenuStore store) {
        this.store = store;
    }

    /** Validates the file and publishes it as the next version; returns the published menu. */
    public Menu importFile(byte[] file) {
        Menu menu = reader.read(file);
        int version = store.publish(menu);
        log.info("published menu {} version {}", menu.id(), version);
        return menu.withVersion(version);
    }

    /** Like {@link #importFile} but keeps the version in service when it already equals the file. */
    public Menu importIfChanged(byte[] file) {
        Menu menu = reader.read(file);
        return store.findPublished(menu.id())
                .filter(current -> current.equals(menu.withVersion(current.version())))
                .orElseGet(() -> menu.withVersion(store.publish(menu)));
    }

    public String export(String menuId) {
        return writer.write(published(menuId));
    }

    public Menu published(String menuId) {
        return store.findPublished(menuId).orElseThrow(() -> new NoSuchMenu(menuId));
    }

    public Menu version(String menuId, int version) {
        return store.find(menuId, version).orElseThrow(() -> new NoSuchMenu(menuId + "@" + version));
    }

    public List<String> menuIds() {
        return store.menuIds();
    }
}
