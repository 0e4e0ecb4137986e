package io.dataivr.session.device;

import io.dataivr.call.RegistrationLoss;

/**
 * Told when a SIP phone's registration is lost: it unregistered, or stopped answering Asterisk's
 * qualify (its app was killed, or its network went away without a word).
 */
public interface DevicePhoneListener {

    /** {@code endpoint}: the PJSIP endpoint; {@code how}: it unregistered, or became unreachable. */
    void registrationLost(String endpoint, RegistrationLoss how);
}
