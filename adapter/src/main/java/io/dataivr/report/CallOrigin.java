package io.dataivr.report;

import io.dataivr.session.device.DeviceKind;

/** Where a queue call came from: a DataIVR session's app (a SIP app) or browser (WebRTC), or a phone dialling in. */
public enum CallOrigin {
    APP,
    BROWSER,
    /** Any other caller in the queue (e.g. a direct dial), not a DataIVR session's call. */
    PHONE;

    /** The origin of a session's call made from a {@code kind} device. */
    public static CallOrigin of(DeviceKind kind) {
        return kind == DeviceKind.WEBRTC ? BROWSER : APP;
    }
}
