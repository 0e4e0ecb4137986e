package io.dataivr.api.ws;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the IP channel per connection, and who may open the WebSockets (keys commented in
 * application.yml).
 *
 * @param maxFrameBytes      largest frame served; bigger ones get FRAME_TOO_LARGE
 * @param messagesPerSecond  sustained rate; faster frames get RATE_LIMITED
 * @param burst              how many frames may come at once
 * @param allowedOrigins     web origins (Spring origin patterns, e.g. {@code https://*.example.com},
 *                           {@code http://localhost:[*]}) whose pages may open the consultation and agent
 *                           WebSockets besides the adapter's own origin; empty: same origin only. A
 *                           handshake without an Origin header (no browser) is always allowed.
 */
@Validated
@ConfigurationProperties("dataivr.channel")
record ChannelProperties(@Min(256) @Max(1024 * 1024) int maxFrameBytes, @Positive double messagesPerSecond,
        @Min(1) int burst, List<@NotBlank String> allowedOrigins) {

    ChannelProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    /**
     * The hard limit in UTF-8 bytes: a bigger frame closes the connection (1009). The WebSocket container
     * is given the same number as characters (its buffer, allocated per connection, counts those), and
     * the handler closes frames that fit in characters but not in bytes.
     */
    int containerLimit() {
        return maxFrameBytes * 2;
    }
}
