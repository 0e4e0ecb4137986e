package io.dataivr.session.consult;

import io.dataivr.system.DomainException;

public final class DemoDisabled extends DomainException {
    public DemoDisabled() {
        super("DEMO_DISABLED", "the adapter mints customer tokens only in demo mode (dataivr.session.demo)");
    }
}
