package io.dataivr.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One rule for agent names on every face: what the REST API accepts, the screen socket accepts too. */
class AgentNameTests {

    @ParameterizedTest
    @ValueSource(strings = {"agent1", "a", "Agent_7-b",
            "a123456789012345678901234567890123456789012345678901234567890123"})
    void namesOfOneToSixtyFourLettersDigitsUnderscoresAndDashesAreAgentNames(String name) {
        assertThat(AgentName.valid(name)).isTrue();
        assertThat(AgentName.require(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "agent.1", "agent 1", "a1234567890123456789012345678901234567890123456789012345678901234",
            "<img src=x>", "agent\u0000", "座席"})
    void anythingElseIsRefusedWithoutEchoingIt(String name) {
        assertThat(AgentName.valid(name)).isFalse();
        assertThatThrownBy(() -> AgentName.require(name)).isInstanceOfSatisfying(InvalidAgentName.class, e -> {
            assertThat(e.code()).isEqualTo("AGENT_NAME_INVALID");
            assertThat(e.getMessage()).doesNotContain("<img", "\u0000", "座席", "agent.1");
        });
    }
}
