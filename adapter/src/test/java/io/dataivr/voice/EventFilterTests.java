package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.asteriskjava.manager.action.ManagerAction;
import org.junit.jupiter.api.Test;

/**
 * What asterisk-java writes to Asterisk for the gateway's event filters: the match criteria must be
 * sent (a Filter without them is an empty regular expression, which lets every event through).
 * asterisk-java's action builder is internal, so it is reached by reflection.
 */
class EventFilterTests {

    private static String written(ManagerAction action) throws Exception {
        Class<?> builder = Class.forName("org.asteriskjava.manager.internal.ActionBuilderImpl");
        Constructor<?> constructor = builder.getDeclaredConstructor();
        constructor.setAccessible(true);
        Method build = builder.getMethod("buildAction", ManagerAction.class);
        build.setAccessible(true);
        return (String) build.invoke(constructor.newInstance(), action);
    }

    @Test
    void aFilterByNameSendsItsMatchCriteriaAndNoRegularExpression() throws Exception {
        String text = written(EventFilter.named("AgentComplete")).toLowerCase();

        assertThat(text).contains("action: filter\r\n", "operation: add\r\n",
                "matchcriteria: action(include),name(agentcomplete)\r\n");
        assertThat(text).doesNotContain("filter: ");
    }

    @Test
    void aFilterOnAHeaderSendsTheValueToCompare() throws Exception {
        String text = written(EventFilter.namedWithHeader("DeviceStateChange", "State", "UNAVAILABLE"));

        assertThat(text.toLowerCase()).contains(
                "matchcriteria: action(include),name(devicestatechange),header(state),method(exact)\r\n");
        assertThat(text).contains("filter: UNAVAILABLE\r\n");
    }

    @Test
    void everyTranslatedEventHasItsFilter() {
        assertThat(AmiGateway.EVENT_NAMES).contains("AgentCalled", "AgentConnect", "AgentComplete",
                "AgentRingNoAnswer", "QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon", "Hangup",
                "ContactStatus", "FullyBooted");
        assertThat(AmiGateway.EVENTS).startsWith("^Event: ((AgentCalled|");
    }
}
