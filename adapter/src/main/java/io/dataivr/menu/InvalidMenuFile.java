package io.dataivr.menu;

import io.dataivr.system.DomainException;
import java.util.List;
import java.util.stream.Collectors;

/** A menu file that was refused whole; nothing in service changed. */
public final class InvalidMenuFile extends DomainException {

    private final List<MenuFileError> errors;

    public InvalidMenuFile(List<MenuFileError> errors) {
        super("MENU_FILE_INVALID", errors.stream().map(MenuFileError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<MenuFileError> errors() {
        return errors;
    }
}
