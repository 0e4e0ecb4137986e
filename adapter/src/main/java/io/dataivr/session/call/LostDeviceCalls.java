package io.dataivr.session.call;

import io.dataivr.call.RegistrationLoss;
import io.dataivr.session.CallEnd;
import io.dataivr.session.CallState;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.NoSuchSession;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.device.DeviceAccountService;
import io.dataivr.session.device.DevicePhoneListener;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device that loses its SIP registration while its call is in Asterisk (queued, ringing or
 * talking) cannot be reached for the rest of that call: its app was killed, or its network went
 * away without a BYE. The call is hung up in Asterisk, so that it ends the usual way (the agent back
 * at the FIFO's tail, the call record closed, the session back at its menu) instead of holding the
 * agent until someone notices. Registration lost before the call reached Asterisk changes nothing:
 * the app may register again and dial.
 */
public class LostDeviceCalls implements DevicePhoneListener {

    private static final Logger log = LoggerFactory.getLogger(LostDeviceCalls.class);

    private final DeviceAccountService devices;
    private final SessionRegistry registry;
    private final VoiceCallService calls;

    public LostDeviceCalls(DeviceAccountService devices, SessionRegistry registry, VoiceCallService calls) {
        this.devices = devices;
        this.registry = registry;
        this.calls = calls;
    }

    @Override
    public void registrationLost(String endpoint, RegistrationLoss how) {
        Optional<UUID> session = devices.sessionOf(endpoint);
        if (session.isEmpty()) {
            return; // not a device account of an open session on this adapter (an agent, a demo phone)
        }
        CallState call = registry.find(session.get()).map(ConsultationSession::call).orElse(null);
        if (call instanceof CallState.Queued || call instanceof CallState.Ringing
                || call instanceof CallState.Talking) {
            log.info("session {}: its device {} lost its SIP registration ({}) during its call; hanging the call up",
                    session.get(), endpoint, how);
            try {
                calls.hangUp(session.get(), CallEnd.of(CallEnd.By.SYSTEM, CallEnd.Reason.DEVICE_LOST));
            } catch (NoCallToHangUp | NoSuchSession e) {
                log.debug("session {}: the call ended meanwhile", session.get());
            }
        }
    }
}
