package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.event.ManagerEvent;
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

    /**
     * Feeds every event class asterisk-java knows, with its fields filled in, to the gateway's translators:
     * each one they turn into something must be among the events the gateway asks Asterisk for.
     */
    @Test
    void everyEventTheTranslatorsReadIsAmongTheFilteredEvents() throws Exception {
        VoiceProperties properties = new VoiceProperties("127.0.0.1", 5038, "dataivr", "secret",
                java.time.Duration.ofSeconds(1), "127.0.0.1", 0, 1, "PJSIP/{agent}", java.util.List.of("support"), null, null);
        AmiEventTranslator translator = new AmiEventTranslator(properties);
        ContactLossTranslator contacts = new ContactLossTranslator();
        java.util.Set<String> read = new java.util.TreeSet<>();
        for (Class<? extends ManagerEvent> type : eventClasses()) {
            for (String state : STATES) {
                ManagerEvent event = filledIn(type, state);
                if (event != null && readBy(event, translator, contacts)) {
                    read.add(type.getSimpleName().replaceFirst("Event$", ""));
                }
            }
        }

        assertThat(read).as("events the translators read").contains("AgentCalled", "QueueCallerJoin",
                "DeviceStateChange", "ContactStatus");
        java.util.Set<String> asked = new java.util.TreeSet<>();
        for (var filter : AmiEventDispatcher.filters(true)) {
            java.util.regex.Matcher name = java.util.regex.Pattern.compile("name\\((\\w+)\\)")
                    .matcher(written(filter).toLowerCase());
            assertThat(name.find()).as("a filter by name: %s", written(filter)).isTrue();
            asked.add(name.group(1));
        }
        assertThat(asked).as("the events Asterisk 22 is asked for")
                .containsAll(read.stream().map(String::toLowerCase).toList());
        java.util.regex.Pattern older = java.util.regex.Pattern.compile(
                AmiEventDispatcher.EVENTS.replace("[[:space:]]", "\\s"), java.util.regex.Pattern.DOTALL);
        for (String event : read) {
            assertThat(older.matcher("Event: " + event + "\r\nPrivilege: x\r\nState: UNAVAILABLE\r\n").find())
                    .as("the older Asterisks' filter lets %s through", event).isTrue();
        }
    }

    /** The values a state-like field is tried with: each translator reads only some states. */
    private static final java.util.List<String> STATES = java.util.List.of("UNAVAILABLE",
            org.asteriskjava.manager.event.ContactStatusEvent.STATUS_REMOVED,
            org.asteriskjava.manager.event.ContactStatusEvent.STATUS_UNREACHABLE);

    private static boolean readBy(ManagerEvent event, AmiEventTranslator translator, ContactLossTranslator contacts) {
        try {
            return translator.translate(event).isPresent() || translator.unreachableAgent(event).isPresent()
                    || contacts.lost(event).isPresent();
        } catch (RuntimeException e) {
            return true; // it looked inside: the event is one it reads
        }
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<Class<? extends ManagerEvent>> eventClasses() throws Exception {
        var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
        java.util.List<Class<? extends ManagerEvent>> classes = new java.util.ArrayList<>();
        for (var resource : resolver.getResources("classpath*:org/asteriskjava/manager/event/*Event.class")) {
            String name = "org.asteriskjava.manager.event." + resource.getFilename().replace(".class", "");
            Class<?> type = Class.forName(name);
            if (ManagerEvent.class.isAssignableFrom(type) && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                classes.add((Class<? extends ManagerEvent>) type);
            }
        }
        assertThat(classes).as("asterisk-java's event classes").hasSizeGreaterThan(100);
        return classes;
    }

    /** An event of {@code type} with every field set: a device or name "PJSIP/agent1", states {@code state}. */
    private static ManagerEvent filledIn(Class<? extends ManagerEvent> type, String state) throws Exception {
        ManagerEvent event;
        try {
            event = type.getConstructor(Object.class).newInstance(new Object());
        } catch (NoSuchMethodException e) {
            return null;
        }
        for (Method setter : type.getMethods()) {
            if (!setter.getName().startsWith("set") || setter.getParameterCount() != 1) {
                continue;
            }
            Class<?> kind = setter.getParameterTypes()[0];
            boolean stateLike = setter.getName().contains("State") || setter.getName().contains("Status");
            Object value = kind == String.class ? (stateLike ? state : "PJSIP/agent1")
                    : kind == Integer.class || kind == int.class ? 1
                    : kind == Long.class || kind == long.class ? 1L
                    : kind == Boolean.class || kind == boolean.class ? Boolean.TRUE
                    : kind == Double.class || kind == double.class ? 1.0 : null;
            if (value != null) {
                try {
                    setter.invoke(event, value);
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // a setter that parses its text may refuse this value; the field stays unset
                }
            }
        }
        return event;
    }
}
