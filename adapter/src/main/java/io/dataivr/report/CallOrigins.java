package io.dataivr.report;

import io.dataivr.call.ChannelId;
import io.dataivr.session.CallState;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.SessionActivityListener;
import io.dataivr.session.device.DeviceKind;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which caller channels are DataIVR sessions' calls, and from which kind of device: the session's call state
 * names its caller channel from the moment the dialplan links it (before it joins a queue) until it ends. Any
 * other caller in a queue is a phone. Also tells the wallboard when a session ends (containment moves).
 */
public final class CallOrigins implements SessionActivityListener {

    private final Function<UUID, DeviceKind> deviceOf;
    private final Map<ChannelId, CallOrigin> byChannel = new ConcurrentHashMap<>();
    private final Map<UUID, ChannelId> bySession = new ConcurrentHashMap<>();
    private volatile Runnable sessionEnded = () -> { };

    /** @param deviceOf the kind of device each session has (session.device.DeviceAccountService#kindOf) */
    public CallOrigins(Function<UUID, DeviceKind> deviceOf) {
        this.deviceOf = deviceOf;
    }

    @Override
    public void callChanged(ConsultationSession session, CallState state) {
        ChannelId channel = state.callerChannelId();
        if (state.active() && channel != null) {
            ChannelId before = bySession.put(session.id(), channel);
            if (before != null && !before.equals(channel)) {
                byChannel.remove(before);
            }
            byChannel.computeIfAbsent(channel, c -> CallOrigin.of(deviceOf.apply(session.id())));
        } else if (!state.active()) {
            forget(session.id());
        }
    }

    @Override
    public void ended(UUID sessionId) {
        forget(sessionId);
        sessionEnded.run();
    }

    private void forget(UUID sessionId) {
        ChannelId channel = bySession.remove(sessionId);
        if (channel != null) {
            byChannel.remove(channel);
        }
    }

    /** The origin of the caller on {@code channel}: a session's app or browser, else a phone. */
    public CallOrigin of(ChannelId channel) {
        return byChannel.getOrDefault(channel, CallOrigin.PHONE);
    }

    /** Calls followed now (for tests: nothing is kept after a call ends). */
    int followed() {
        return byChannel.size();
    }

    void whenSessionEnds(Runnable action) {
        this.sessionEnded = action;
    }
}
