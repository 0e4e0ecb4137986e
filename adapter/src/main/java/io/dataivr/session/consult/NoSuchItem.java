package io.dataivr.session.consult;

import io.dataivr.system.DomainException;
import io.dataivr.system.Quoted;

public final class NoSuchItem extends DomainException {
    public NoSuchItem(String key, java.util.List<String> path) {
        super("ITEM_NOT_FOUND", "no item " + Quoted.of(key) + " at menu level " + Quoted.of("/" + String.join("/", path)));
    }
}
