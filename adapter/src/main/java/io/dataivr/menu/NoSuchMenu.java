package io.dataivr.menu;

import io.dataivr.system.DomainException;
import io.dataivr.system.Quoted;

public final class NoSuchMenu extends DomainException {
    public NoSuchMenu(String menuId) {
        super("MENU_NOT_FOUND", "no published menu " + Quoted.of(menuId));
    }
}
