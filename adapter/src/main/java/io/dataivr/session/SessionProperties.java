package io.dataivr.session;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of consultation sessions (keys commented in application.yml).
 *
 * @param menu       the menu a new session is started on unless the app names one
 * @param dialUri    what the app's SIP phone dials for a voice request; {request} becomes its id
 */
@Validated
@ConfigurationProperties("dataivr.session")
public record SessionProperties(@NotBlank String menu, @NotBlank String dialUri) {

    public String dialUriFor(String requestId) {
        return dialUri.replace("{request}", requestId);
    }
}
