package io.dataivr.voice;

import io.dataivr.agent.AgentPhoneListener;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.call.QueueCallListener;
import io.dataivr.session.device.DevicePhoneListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk's events in, the features' records out. Runs on asterisk-java's event thread (its
 * AsyncEventPump, which the socket reader feeds), in Asterisk's order, without a further hand-off, as
 * each one costs a thread wake-up: the FIFO's listeners ({@link #subscribe}) are told on that thread;
 * the others ({@link #subscribeBehind}: sessions, screens, queue waits) get the same events in the same
 * order on a second thread ({@code ami-followers}), so they never delay an agent's return to the FIFO.
 * The session's lifecycle (connect, disconnect, fully booted) goes to {@code lifecycle}. Only the events
 * listed here are asked of Asterisk ({@link #filters}): dialplan and channel chatter is never parsed.
 */
final class AmiEventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(AmiEventDispatcher.class);

    /**
     * The events the event session receives: those {@link AmiEventTranslator}, {@link ContactLossTranslator}
     * and {@link #handle} read (of DeviceStateChange only UNAVAILABLE, an agent's phone gone: its own
     * filter; of VarSet only the dialplan's {@link VoiceLinkEvents#VARIABLE}: its own filter), plus Asterisk's
     * own lifecycle. Add an event here when reading a new one (EventFilterTests
     * checks it). Answers to actions (QueueStatus's member list) are not filtered.
     */
    static final List<String> EVENT_NAMES = List.of("AgentCalled", "AgentConnect", "AgentComplete",
            "AgentRingNoAnswer", "QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon", "Hangup",
            "ContactStatus", "FullyBooted", "Shutdown", "Reload");
    /**
     * {@link #EVENT_NAMES} as one AMI whitelist filter of the old kind (a POSIX regular expression matched
     * against the whole event, where {@code .} also matches line ends), for an Asterisk before 22.
     */
    static final String EVENTS = "^Event: ((" + String.join("|", EVENT_NAMES) + ")[[:space:]]"
            + "|DeviceStateChange[[:space:]].*State: UNAVAILABLE"
            + "|VarSet[[:space:]].*Variable: (__)?" + VoiceLinkEvents.VARIABLE + "[[:space:]])";

    private final VoiceProperties properties;
    private final AmiEventTranslator translator;
    private final ContactLossTranslator contacts = new ContactLossTranslator();
    private final List<QueueCallListener> listeners = new CopyOnWriteArrayList<>();
    private final List<QueueCallListener> followers = new CopyOnWriteArrayList<>();
    private final List<AgentPhoneListener> phoneListeners = new CopyOnWriteArrayList<>();
    private final List<DevicePhoneListener> devicePhoneListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService behind = Executors.newSingleThreadExecutor(r -> new Thread(r, "ami-followers"));
    private final EventTimings timings;
    /** How many times the event session was lost, and when last (System.nanoTime()). */
    private final AtomicLong sessionsLost = new AtomicLong();
    private volatile long lastLostAt;
    private volatile QueueCallerTracker callers;
    private volatile VoiceLinkEvents links;
    private final Consumer<ManagerEvent> lifecycle;

    AmiEventDispatcher(VoiceProperties properties, EventTimings timings, Consumer<ManagerEvent> lifecycle) {
        this.properties = properties;
        this.translator = new AmiEventTranslator(properties);
        this.timings = timings;
        this.lifecycle = lifecycle;
    }

    /** The callers followed (set once, before the start: the tracker tells its hang-ups through {@link #dispatch}). */
    void follow(QueueCallerTracker tracker) {
        this.callers = tracker;
    }

    /** Who hears that a call took its voice link (set once, before the start). */
    void followLinks(VoiceLinkEvents links) {
        this.links = links;
    }

    /** Runs {@code task} on the followers' thread, in order with the events told there. */
    void behind(Runnable task) {
        behind.execute(task);
    }

    void subscribe(QueueCallListener listener) {
        listeners.add(listener);
    }

    void subscribeBehind(QueueCallListener listener) {
        followers.add(listener);
    }

    void subscribePhones(AgentPhoneListener listener) {
        phoneListeners.add(listener);
    }

    void subscribeDevicePhones(DevicePhoneListener listener) {
        devicePhoneListeners.add(listener);
    }

    /** The filters to send: by name on Asterisk 22 and later, else one regular expression. */
    static List<FilterAction> filters(boolean asterisk22) {
        List<FilterAction> filters = new ArrayList<>();
        if (asterisk22) {
            EVENT_NAMES.forEach(name -> filters.add(EventFilter.named(name)));
            filters.add(EventFilter.namedWithHeader("DeviceStateChange", "State", "UNAVAILABLE"));
            filters.add(EventFilter.namedWithHeader("VarSet", "Variable", VoiceLinkEvents.VARIABLE));
            filters.add(EventFilter.namedWithHeader("VarSet", "Variable", VoiceLinkEvents.INHERITED_VARIABLE));
        } else {
            filters.add(new FilterAction(EVENTS));
        }
        return filters;
    }

    /** Every event of the event session, on asterisk-java's event thread. */
    void received(ManagerEvent event) {
        if (event instanceof ConnectEvent || event instanceof DisconnectEvent || event instanceof FullyBootedEvent) {
            if (event instanceof DisconnectEvent) {
                lastLostAt = System.nanoTime();
                sessionsLost.incrementAndGet();
            }
            lifecycle.accept(event);
            return;
        }
        if (timings.on()) {
            timings.count(event);
            if (event instanceof AgentCompleteEvent complete && properties.queues().contains(complete.getQueue())) {
                long start = EventTimings.nowMicros();
                handle(event);
                timings.handled(event, complete.getMemberName(), start, EventTimings.nowMicros());
                return;
            }
        }
        handle(event);
    }

    /** One event, on the event thread (the tests feed events here). */
    void handle(ManagerEvent event) {
        if (event instanceof VarSetEvent set) {
            if (links != null && VoiceLinkEvents.isLinkTaken(set)) {
                links.taken(set);
            }
            return;
        }
        if (event instanceof QueueCallerJoinEvent join && join.getUniqueId() != null && join.getChannel() != null) {
            callers.joined(join.getUniqueId(), join.getChannel(), join.getQueue());
        }
        translator.unreachableAgent(event).ifPresent(this::phoneUnavailable);
        contacts.lost(event).ifPresent(this::registrationLost);
        if (event instanceof AgentConnectEvent connect && connect.getUniqueId() != null) {
            callers.answered(connect.getUniqueId());
        }
        translator.translate(event).ifPresent(this::dispatch);
        if (event instanceof AgentCompleteEvent complete && complete.getUniqueId() != null) {
            callers.completed(complete.getUniqueId());
        }
        if (event instanceof HangupEvent hangup && hangup.getUniqueId() != null) {
            callers.hungUp(hangup.getUniqueId());
        }
    }

    private void phoneUnavailable(String agent) {
        // Any PJSIP endpoint, device accounts too: the roster logs it when an agent of its own is logged out.
        log.debug("phone {} is unreachable", agent);
        for (AgentPhoneListener listener : phoneListeners) {
            try {
                listener.phoneUnavailable(agent);
            } catch (RuntimeException e) {
                log.error("listener {} failed on unreachable phone {}", listener.getClass().getSimpleName(), agent, e);
            }
        }
    }

    private void registrationLost(ContactLossTranslator.LostContact lost) {
        for (DevicePhoneListener listener : devicePhoneListeners) {
            try {
                listener.registrationLost(lost.endpoint(), lost.how());
            } catch (RuntimeException e) {
                log.error("listener {} failed on lost registration of {}", listener.getClass().getSimpleName(),
                        lost.endpoint(), e);
            }
        }
    }

    /** Tells a queue call event of one of this adapter's queues: the FIFO first, then the followers. */
    void dispatch(QueueCallEvent translated) {
        if (!properties.queues().contains(translated.queue())) {
            // A queue this adapter does not keep (another node's, or a test's): not ours to act on.
            return;
        }
        log.debug("AMI {}", translated);
        tell(listeners, translated);
        tellFollowers(translated);
    }

    /**
     * A queue call event read from Asterisk, not received (a caller found waiting at a (re)connect): told
     * to the followers only, in order with the events they get, since it changes nothing of the FIFO.
     */
    void dispatchBehind(QueueCallEvent read) {
        if (properties.queues().contains(read.queue())) {
            tellFollowers(read);
        }
    }

    /** The followers get each event in order, on their own thread. */
    private void tellFollowers(QueueCallEvent event) {
        if (!followers.isEmpty()) {
            behind.execute(() -> tell(followers, event));
        }
    }

    private static void tell(List<QueueCallListener> receivers, QueueCallEvent translated) {
        for (QueueCallListener listener : receivers) {
            try {
                listener.on(translated);
            } catch (RuntimeException e) {
                log.error("listener {} failed on {}", listener.getClass().getSimpleName(), translated, e);
            }
        }
    }

    long sessionsLost() {
        return sessionsLost.get();
    }

    long lastLostAt() {
        return lastLostAt;
    }

    void stop() {
        behind.shutdown();
    }
}
