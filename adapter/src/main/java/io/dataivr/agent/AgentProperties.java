package io.dataivr.agent;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Agent rules (keys commented in application.yml).
 *
 * @param wrapUp                     time after a call before the agent goes back to the FIFO tail (0 = at once)
 * @param autoPauseAfterMissedRings  pause an agent who let this many calls in a row ring out (0 = never)
 * @param mirrorCheckInterval        how often the Redis mirror is checked for lost data (and rebuilt)
 */
@Validated
@ConfigurationProperties("dataivr.agent")
public record AgentProperties(@NotNull Duration wrapUp, @Min(0) int autoPauseAfterMissedRings,
        @NotNull Duration mirrorCheckInterval) {

    public static AgentProperties defaults() {
        return new AgentProperties(Duration.ZERO, 0, Duration.ofSeconds(2));
    }
}
