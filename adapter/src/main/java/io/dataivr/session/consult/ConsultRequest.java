package io.dataivr.session.consult;

import io.dataivr.session.device.DeviceKind;

/**
 * Step 1 as the app asked for it: every field may be null.
 *
 * @param menu           the menu id (null = the configured default)
 * @param language       the language the app chose (BCP 47)
 * @param acceptLanguage the transport's Accept-Language header, used when the app chose none the menu has
 * @param token          the customer token minted by the company's backend
 * @param client         the app's reference for the customer, used only when no token is given (demo mode)
 * @param sipAccount     the app's SIP phone wants the session's device account now, to register it before
 *                       any voice request (given only when the menu has a voice item)
 * @param device         the kind of SIP phone the device has (null: a SIP app); decides its account's kind
 */
public record ConsultRequest(String menu, String language, String acceptLanguage, String token, String client,
        boolean sipAccount, DeviceKind device) {

    public ConsultRequest {
        if (device == null) {
            device = DeviceKind.SIP;
        }
    }

    /** A request from a SIP app that asks for no device account ahead. */
    public ConsultRequest(String menu, String language, String acceptLanguage, String token, String client) {
        this(menu, language, acceptLanguage, token, client, false, DeviceKind.SIP);
    }

    /** A request from a SIP app. */
    public ConsultRequest(String menu, String language, String acceptLanguage, String token, String client,
            boolean sipAccount) {
        this(menu, language, acceptLanguage, token, client, sipAccount, DeviceKind.SIP);
    }

    /** A request that asks for no device account ahead, from a device of the kind given. */
    public ConsultRequest(String menu, String language, String acceptLanguage, String token, String client,
            DeviceKind device) {
        this(menu, language, acceptLanguage, token, client, false, device);
    }
}
