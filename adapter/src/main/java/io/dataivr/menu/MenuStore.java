package io.dataivr.menu;

import java.util.List;
import java.util.Optional;

/** Where published menus live. A published version is immutable; publishing is atomic. */
public interface MenuStore {

    /** Stores the menu as the next version of its id and makes it the one in service; returns that version. */
    int publish(Menu menu);

    Optional<Menu> findPublished(String menuId);

    Optional<Menu> find(String menuId, int version);

    List<String> menuIds();
}
