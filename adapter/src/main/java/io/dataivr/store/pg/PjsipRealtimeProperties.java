package io.dataivr.store.pg;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where Asterisk reads PJSIP realtime objects (asterisk-config/res_pgsql.conf) and what a device's
 * endpoint looks like (keys commented in application.yml).
 *
 * @param url       JDBC URL of the database named in res_pgsql.conf
 * @param username  its role
 * @param password  its password; never logged
 * @param context   dialplan context of device endpoints (extensions.conf)
 * @param transport PJSIP transport of device endpoints (pjsip.conf)
 * @param codecs    the codecs they may use, in order
 * @param qualifyFrequency how often Asterisk sends a device OPTIONS (its AOR's {@code qualify_frequency}):
 *                  a device that stops answering is unreachable, and its call is hung up (default 30 s)
 * @param webrtcCodecs     the codecs of a browser's (WebRTC) endpoint, in order of preference (default
 *                         opus,ulaw,alaw: Opus, G.711 as fallback)
 * @param webrtcRtpTimeout a browser's endpoint's {@code rtp_timeout}: its media passes through Asterisk,
 *                         so a browser gone without a BYE is hung up after this much silence (default 5 s)
 */
@Validated
@ConfigurationProperties("dataivr.pjsip-realtime")
public record PjsipRealtimeProperties(@NotBlank String url, @NotBlank String username, String password,
        @NotBlank String context, @NotBlank String transport, @NotBlank String codecs, Duration qualifyFrequency,
        String webrtcCodecs, Duration webrtcRtpTimeout) {

    public PjsipRealtimeProperties {
        if (qualifyFrequency == null) {
            qualifyFrequency = Duration.ofSeconds(30);
        }
        if (qualifyFrequency.isNegative() || qualifyFrequency.toSeconds() > 86_400) {
            throw new IllegalArgumentException("dataivr.pjsip-realtime.qualify-frequency: 0 (off) to 1 day");
        }
        if (webrtcCodecs == null || webrtcCodecs.isBlank()) {
            webrtcCodecs = "opus,ulaw,alaw";
        }
        if (webrtcRtpTimeout == null) {
            webrtcRtpTimeout = Duration.ofSeconds(5);
        }
        if (webrtcRtpTimeout.toSeconds() < 1 || webrtcRtpTimeout.toSeconds() > 3_600) {
            throw new IllegalArgumentException("dataivr.pjsip-realtime.webrtc-rtp-timeout: 1 s to 1 h");
        }
    }
}
