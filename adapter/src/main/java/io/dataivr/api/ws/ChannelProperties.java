package io.dataivr.api.ws;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the IP channel per connection (keys commented in application.yml).
 *
 * @param maxFrameBytes      largest frame served; bigger ones get FRAME_TOO_LARGE
 * @param messagesPerSecond  sustained rate; faster frames get RATE_LIMITED
 * @param burst              how many frames may come at once
 */
@Validated
@ConfigurationProperties("dataivr.channel")
record ChannelProperties(@Min(256) @Max(1024 * 1024) int maxFrameBytes, @Positive double messagesPerSecond,
        @Min(1) int burst) {

    /** What the WebSocket container accepts before it closes the connection (1009); allocated per connection. */
    int containerLimit() {
        return maxFrameBytes * 2;
    }
}
