package io.dataivr.session.consult;

import io.dataivr.system.DomainException;

public final class NoSuchItem extends DomainException {
    public NoSuchItem(String key, java.util.List<String> path) {
        super("ITEM_NOT_FOUND", "no item \"" + key + "\" at menu level /" + String.join("/", path));
    }
}
