package io.dataivr.menu;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an admin does with menus (command line and admin API): publish a file (validated whole,
 * then published atomically), read, export, list and delete, each recorded with who did it.
 */
public class MenuAdminService {

    private static final Logger log = LoggerFactory.getLogger(MenuAdminService.class);

    private final MenuAdminStore store;
    private final MenuFileReader reader = new MenuFileReader();
    private final MenuFileWriter writer = new MenuFileWriter();

    public MenuAdminService(MenuAdminStore store) {
        this.store = store;
    }

    /** Validates the file and publishes it as the menu's next version; nothing changes when it is invalid. */
    public Menu publish(byte[] file, String actor) {
        Menu menu = reader.read(file);
        int version = store.publish(menu, actor);
        log.info("menu {} version {} published by {}", menu.id(), version, actor);
        return menu.withVersion(version);
    }

    public Menu published(String menuId) {
        return store.findPublished(menuId).orElseThrow(() -> new NoSuchMenu(menuId));
    }

    /**
     * One version of a menu, in service or deleted: published versions never change and stay readable
     * for the records (a deleted menu's sessions and audit trail name them).
     */
    public Menu version(String menuId, int version) {
        return store.find(menuId, version).orElseThrow(() -> store.find(menuId, 1).isPresent()
                ? new NoSuchMenuVersion(menuId, version) // versions are numbered from 1 and never removed
                : new NoSuchMenu(menuId));
    }

    public String export(String menuId) {
        return writer.write(published(menuId));
    }

    public List<MenuSummary> list() {
        return store.summaries();
    }

    /** Soft delete: new sessions get MENU_NOT_FOUND; sessions already running keep their menu to the end. */
    public void delete(String menuId, String actor) {
        if (!store.delete(menuId, actor)) {
            throw new NoSuchMenu(menuId);
        }
        log.info("menu {} deleted by {}", menuId, actor);
    }
}
