package io.dataivr.menu;

import io.dataivr.system.DomainException;

public final class NoSuchMenuVersion extends DomainException {
    public NoSuchMenuVersion(String menuId, int version) {
        super("MENU_VERSION_NOT_FOUND", "menu \"" + menuId + "\" has no version " + version);
    }
}
