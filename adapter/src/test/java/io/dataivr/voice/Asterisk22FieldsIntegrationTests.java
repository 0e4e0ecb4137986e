package io.dataivr.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dataivr.IntegrationTest;
import io.dataivr.agent.AgentState;
import io.dataivr.fixtures.PhonesOnQueue;
import io.dataivr.fixtures.SipPhoneProcess;
import io.dataivr.fixtures.TestAmi;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * What Asterisk 22 sends that asterisk-java 3.42 has no field for is read, not warned about: an agent's
 * phone that rejects a queue call ends its leg with a {@code Hangup} carrying {@code TechCause} (the SIP
 * status), and {@code CoreStatus} answers with {@code CoreProcessedCalls}. On a real call (a baresip
 * customer dialling the queue, a baresip agent phone that rejects, then answers the retry), asterisk-java
 * warns about no field it cannot set, neither on the adapter's AMI sessions nor on the test's own one
 * registered the same way, the Hangup of the rejecting leg is built as {@link HangupWithTechCauseEvent} with the SIP status
 * in it, and CoreStatus through {@link CoreStatusWithCallsAction} counts the calls.
 */
@IntegrationTest
class Asterisk22FieldsIntegrationTests {

    private static final Duration WAIT = PhonesOnQueue.WAIT;

    @RegisterExtension
    static final PhonesOnQueue phones = PhonesOnQueue.on("support", "dataivr-ami-fields")
            .agentPhoneAnsweredByHand("agent6", "127.0.0.37", 1300)
            .customerPhone("customer2", "127.0.0.47", 470);

    private final ListAppender<ILoggingEvent> asteriskJavaLog = new ListAppender<>();
    private final Logger asteriskJava = (Logger) LoggerFactory.getLogger("org.asteriskjava");

    @BeforeEach
    void listenToAsteriskJava() {
        asteriskJavaLog.start();
        asteriskJava.addAppender(asteriskJavaLog);
    }

    @AfterEach
    void stopListening() {
        asteriskJava.detachAppender(asteriskJavaLog);
        phones.agents().logout("agent6");
    }

    @Test
    void aRejectedLegsTechCauseAndTheProcessedCallsAreReadWithoutAWarning() throws Exception {
        phones.onlyAgentLoggedIn("agent6");
        List<HangupEvent> hangups = new CopyOnWriteArrayList<>();
        ManagerConnection ami = TestAmi.factory().createManagerConnection();
        ami.registerUserEventClass(HangupWithTechCauseEvent.class);
        ami.addEventListener(event -> {
            if (event instanceof HangupEvent hangup) {
                hangups.add(hangup);
            }
        });
        ami.login("call");
        ami.sendAction(new FilterAction("^Event: Hangup[[:space:]]"), 5_000);
        try {
            long before = processedCalls(ami);
            SipPhoneProcess agent = phones.phone("agent6");
            SipPhoneProcess customer = phones.phone("customer2");

            customer.control().dial("sip:q-support@127.0.0.1");
            agent.control().awaitEvent("CALL_INCOMING", WAIT);
            agent.control().hangup(); // rejects the ringing call: 486 Busy Here
            HangupEvent rejected = await().atMost(WAIT).until(() -> hangupOf(hangups, "PJSIP/agent6-"),
                    hangup -> hangup != null);
            System.out.printf("rejected leg: %s cause %s (%s), tech cause %s%n", rejected.getChannel(),
                    rejected.getCause(), rejected.getCauseTxt(),
                    rejected instanceof HangupWithTechCauseEvent read ? read.getTechCause() : "not read");
            assertThat(rejected).isInstanceOf(HangupWithTechCauseEvent.class);
            assertThat(((HangupWithTechCauseEvent) rejected).getTechCause()).as("the SIP status of the rejection")
                    .matches("[4-6][0-9][0-9]");

            await().atMost(WAIT).until(() -> agent.control().eventCount("CALL_INCOMING") >= 2);
            agent.control().answer();
            phones.awaitTalking("agent6");
            customer.control().hangup();
            await().atMost(WAIT).until(() -> phones.agents().state("agent6") == AgentState.IDLE);
            assertThat(hangupOf(hangups, "PJSIP/customer2-")).as("the customer's hang-up").isNotNull()
                    .isInstanceOf(HangupWithTechCauseEvent.class);
            assertThat(processedCalls(ami)).as("calls Asterisk processed since it started").isGreaterThan(before);

            // Its warnings about fields it cannot set ("Unable to set property 'techcause' …"), not the others
            // it may give under load (a slow listener) that say nothing about the fields read.
            List<String> warnings = asteriskJavaLog.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage).filter(m -> m.toLowerCase(Locale.ROOT).contains("property"))
                    .toList();
            assertThat(warnings).as("asterisk-java's warnings about the fields of the events and answers").isEmpty();
        } finally {
            ami.logoff();
        }
    }

    private static HangupEvent hangupOf(List<HangupEvent> hangups, String channelPrefix) {
        return hangups.stream().filter(h -> h.getChannel() != null && h.getChannel().startsWith(channelPrefix))
                .findFirst().orElse(null);
    }

    private static long processedCalls(ManagerConnection ami) throws Exception {
        ManagerResponse response = ami.sendAction(new CoreStatusWithCallsAction(), 5_000);
        assertThat(response).isInstanceOf(CoreStatusWithCallsResponse.class);
        Long calls = ((CoreStatusWithCallsResponse) response).getCoreProcessedCalls();
        assertThat(calls).as("CoreProcessedCalls").isNotNull();
        return calls;
    }
}
