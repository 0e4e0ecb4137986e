package io.dataivr.store.pg;

import jakarta.validation.constraints.NotBlank;
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
 */
@Validated
@ConfigurationProperties("dataivr.pjsip-realtime")
public record PjsipRealtimeProperties(@NotBlank String url, @NotBlank String username, String password,
        @NotBlank String context, @NotBlank String transport, @NotBlank String codecs) {
}
