package io.dataivr.session.call;

import io.dataivr.system.DomainException;

/** A call came from a device account that is not the live account of the request's session. */
public final class DeviceNotAuthorized extends DomainException {
    public DeviceNotAuthorized(String endpoint, String requestId) {
        super("DEVICE_NOT_AUTHORIZED", "SIP account \"" + endpoint + "\" may not use voice request \"" + requestId
                + "\"");
    }
}
