package io.dataivr.agent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Agent rules (keys commented in application.yml).
 *
 * @param wrapUp                     time after a call before the agent goes back to the FIFO tail (0 = at once)
 * @param autoPauseAfterMissedRings  pause an agent who let this many calls in a row ring out (0 = never)
 * @param mirrorCheckInterval        how often the Redis mirror is checked for lost data (and rebuilt)
 * @param wrapUpByAgent              agents whose wrap-up time differs from {@code wrapUp} (e.g. trainees)
 * @param pauseReasons               the reasons an agent may pause for on the console (the phone's feature
 *                                   code keeps its own default); the first is the default of the REST API
 * @param dispositions               what an agent may record as a call's outcome on the console
 */
@Validated
@ConfigurationProperties("dataivr.agent")
public record AgentProperties(@NotNull Duration wrapUp, @Min(0) int autoPauseAfterMissedRings,
        @NotNull Duration mirrorCheckInterval, Map<String, Duration> wrapUpByAgent,
        @Valid @NotEmpty List<LabelledCode> pauseReasons, @Valid @NotEmpty List<LabelledCode> dispositions) {

    public AgentProperties {
        wrapUpByAgent = wrapUpByAgent == null ? Map.of() : Map.copyOf(wrapUpByAgent);
        pauseReasons = pauseReasons == null || pauseReasons.isEmpty() ? defaultPauseReasons() : List.copyOf(pauseReasons);
        dispositions = dispositions == null || dispositions.isEmpty() ? defaultDispositions() : List.copyOf(dispositions);
        requireDistinct("pause-reasons", pauseReasons);
        requireDistinct("dispositions", dispositions);
    }

    public static AgentProperties defaults() {
        return of(Duration.ZERO, 0, Duration.ofSeconds(2));
    }

    /** These times, the default pause reasons and dispositions (tests, benchmarks). */
    public static AgentProperties of(Duration wrapUp, int autoPauseAfterMissedRings, Duration mirrorCheckInterval) {
        return new AgentProperties(wrapUp, autoPauseAfterMissedRings, mirrorCheckInterval, Map.of(), null, null);
    }

    /** The wrap-up time of {@code agent}. */
    public Duration wrapUpOf(String agent) {
        return wrapUpByAgent.getOrDefault(agent, wrapUp);
    }

    static List<LabelledCode> defaultPauseReasons() {
        return List.of(LabelledCode.of("break", "休息", "Break"), LabelledCode.of("lunch", "用餐", "Lunch"),
                LabelledCode.of("training", "培训", "Training"), LabelledCode.of("meeting", "会议", "Meeting"));
    }

    static List<LabelledCode> defaultDispositions() {
        return List.of(LabelledCode.of("resolved", "已解决", "Resolved"),
                LabelledCode.of("follow-up", "需跟进", "Follow-up needed"),
                LabelledCode.of("transferred", "已转接", "Transferred"), LabelledCode.of("other", "其他", "Other"));
    }

    private static void requireDistinct(String key, List<LabelledCode> codes) {
        if (codes.stream().map(LabelledCode::code).distinct().count() != codes.size()) {
            throw new IllegalArgumentException("dataivr.agent." + key + ": a code appears twice");
        }
    }
}
