package io.dataivr.system;


/** A field of a message has the wrong type, length or characters. */
public final class InvalidField extends DomainException {
    public InvalidField(String message) {
        super("INVALID_FIELD", message);
    }
}
