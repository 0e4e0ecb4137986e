package io.dataivr.voice;

import io.dataivr.agent.AgentPhoneListener;
import io.dataivr.agent.QueueCallEvent;
import io.dataivr.agent.QueueCallListener;
import io.dataivr.agent.QueueMembership;
import io.dataivr.session.CallControl;
import io.dataivr.session.DevicePhoneListener;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreStatusAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.action.QueueRemoveAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.response.CoreStatusResponse;
import org.asteriskjava.manager.response.GetVarResponse;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The adapter's AMI connections: one receives events, the other sends actions (queue members, their
 * status, hang-ups), since Asterisk runs a session's actions on the thread that writes its events and
 * a QueueAdd waiting for a busy queue would hold back the events behind it. Every action but the
 * event filters (sent on each session for itself) goes through the one action session, written by one
 * thread ({@code ami-actions}) in the order asked, so Asterisk runs them in that order. Events are handled on
 * asterisk-java's event thread (its AsyncEventPump, which the socket reader feeds), in Asterisk's
 * order; listeners must not wait for answers on the event session (this thread delivers them;
 * actions go through the action session). On every (re)connect the
 * queues are resynchronised on a thread of their own ({@code ami-events}), since events during a gap
 * are lost and a resynchronisation waits for answers that the event thread delivers.
 *
 * <p>The FIFO comes first: the connection asks Asterisk for only the events the adapter translates
 * ({@link #EVENTS}, an AMI Filter sent on every (re)connect; dialplan and channel chatter is never
 * parsed), {@link #subscribe} listeners (the FIFO) run on the event thread, with no hand-off to
 * another thread (each costs a wake-up, which on a loaded machine can take tens of ms), and
 * {@link #subscribeBehind} listeners (sessions, screens, queue waits) get the same events, in the
 * same order, on a second thread, so they never delay an agent's return to the FIFO.
 */
public class AmiGateway implements QueueMembership, CallControl, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AmiGateway.class);
    /**
     * The event classes this connection asks for at login: every event it receives (below) is of one of
     * them (queue and agent events: agent; Hangup, DeviceStateChange: call; ContactStatus and Asterisk's
     * lifecycle: system), so the busiest classes (dialplan: Newexten, VarSet; agi; dtmf; test) are not
     * even matched against this session's filters.
     */
    static final String EVENT_CLASSES = "system,call,agent";

    /** How long a talking caller's hang-up waits for app_queue's AgentComplete (normally a few ms). */
    static final Duration HANG_UP_HOLD = Duration.ofSeconds(2);
    /**
     * The events this connection receives: those {@link AmiEventTranslator} and {@link #handle} use (of
     * DeviceStateChange only UNAVAILABLE, an agent's phone gone), plus Asterisk's own lifecycle. Add an
     * event here when translating a new one. Answers to actions (QueueStatus's member list) are not
     * filtered.
     */
    static final List<String> EVENT_NAMES = List.of("AgentCalled", "AgentConnect", "AgentComplete",
            "AgentRingNoAnswer", "QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon", "Hangup",
            "ContactStatus", "FullyBooted", "Shutdown", "Reload");
    /**
     * {@link #EVENT_NAMES} as one AMI whitelist filter of the old kind (a POSIX regular expression matched
     * against the whole event, where {@code .} also matches line ends), for an Asterisk before 22.
     */
    static final String EVENTS = "^Event: ((" + String.join("|", EVENT_NAMES) + ")[[:space:]]"
            + "|DeviceStateChange[[:space:]].*State: UNAVAILABLE)";

    private final VoiceProperties properties;
    private final AmiEventTranslator translator;
    private final List<QueueCallListener> listeners = new CopyOnWriteArrayList<>();
    private final List<QueueCallListener> followers = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> resyncs = new CopyOnWriteArrayList<>();
    private final List<Runnable> callRecoveries = new CopyOnWriteArrayList<>();
    private final List<Runnable> restartRecoveries = new CopyOnWriteArrayList<>();
    private final List<AgentPhoneListener> phoneListeners = new CopyOnWriteArrayList<>();
    private final List<DevicePhoneListener> devicePhoneListeners = new CopyOnWriteArrayList<>();
    private final ContactLossTranslator contacts = new ContactLossTranslator();
    private final AsteriskRestartWatch restarts = new AsteriskRestartWatch();
    /** How many times the event session was lost, and when last (System.nanoTime()). */
    private final AtomicLong sessionsLost = new AtomicLong();
    private volatile long lastLostAt;
    private final List<Consumer<String>> restores = new CopyOnWriteArrayList<>();
    /** Callers who entered a queue, by Uniqueid: channel name (AMI's Hangup action takes a name) and queue. */
    private final Map<String, String[]> callerChannels = new ConcurrentHashMap<>();
    /** Callers talking to an agent (AgentConnect seen, or found so after a (re)connect), by Uniqueid. */
    private final Set<String> talking = ConcurrentHashMap.newKeySet();
    /**
     * Hang-ups of talking callers held until app_queue's AgentComplete, which says who hung up: Asterisk
     * may send the caller's Hangup first even when the agent hung up (the queue's events are published on
     * a thread of their own). By Uniqueid: the caller's channel name and queue.
     */
    private final Map<String, String[]> heldHangUps = new ConcurrentHashMap<>();
    private final ManagerConnection connection;
    private final ManagerConnection actions;
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> new Thread(r, "ami-events"));
    private final ExecutorService behind = Executors.newSingleThreadExecutor(r -> new Thread(r, "ami-followers"));
    /**
     * Writes every action of the action session, in the order asked: the event thread only queues its
     * QueueAdd/QueueRemove here, as a write to Asterisk's socket runs the loopback TCP path and wakes
     * Asterisk's session thread, which on a loaded machine took the event thread off the CPU for up to
     * tens of ms. Actions that wait for their answer go through it too, so they stay in order with those.
     */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "ami-actions"));
    private final ScheduledExecutorService connector =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ami-connect"));
    private final EventTimings timings;
    private volatile boolean running;

    public AmiGateway(VoiceProperties properties) {
        this(properties, false);
    }

    /** {@code eventTimings}: log the hang-up path's timings and the events received ({@link EventTimings}). */
    public AmiGateway(VoiceProperties properties, boolean eventTimings) {
        this.properties = properties;
        this.timings = new EventTimings(eventTimings);
        this.translator = new AmiEventTranslator(properties);
        ManagerConnectionFactory factory = new ManagerConnectionFactory(properties.amiHost(), properties.amiPort(),
                properties.amiUsername(), properties.amiSecret());
        this.connection = factory.createManagerConnection();
        this.connection.addEventListener(this::received);
        this.actions = factory.createManagerConnection();
        this.actions.addEventListener(event -> {
            if (event instanceof ConnectEvent && running && connection.getState() == ManagerConnectionState.CONNECTED) {
                // The action session came back while the event session is up: a resync sends what it missed. At start
                // (and when both come back) the event session's login does it.
                events.execute(this::resyncAll);
            }
        });
    }

    /**
     * Adds a receiver of queue call events that keeps the FIFO (told first, on the event thread); call
     * before {@link #start()}.
     */
    public void subscribe(QueueCallListener listener) {
        listeners.add(listener);
    }

    /**
     * Adds a receiver of queue call events that does not keep the FIFO: told in Asterisk's order on a
     * second thread, after the {@link #subscribe} listeners; call before {@link #start()}.
     */
    public void subscribeBehind(QueueCallListener listener) {
        followers.add(listener);
    }

    /** Adds a receiver of "agent phone unreachable"; call before {@link #start()}. */
    public void subscribePhones(AgentPhoneListener listener) {
        phoneListeners.add(listener);
    }

    /** Adds a receiver of "a SIP phone lost its registration" (customer devices); call before {@link #start()}. */
    public void subscribeDevicePhones(DevicePhoneListener listener) {
        devicePhoneListeners.add(listener);
    }

    /**
     * Adds what to run for each queue when Asterisk itself restarted (its start time changed) and is
     * fully booted, instead of the (re)connect resynchronisation; call before {@link #start()}.
     */
    public void onAsteriskRestarted(Consumer<String> queueRestore) {
        restores.add(queueRestore);
    }

    /** Adds what to run for each queue on every (re)connect; call before {@link #start()}. */
    public void onConnected(Consumer<String> queueResync) {
        resyncs.add(queueResync);
    }

    /** Adds what to run on every (re)connect before the queues are resynchronised (calls in progress). */
    public void beforeQueueResync(Runnable recovery) {
        callRecoveries.add(recovery);
    }

    /** Adds what to run when Asterisk restarted, before the queues are restored (the calls it cut). */
    public void beforeQueueRestore(Runnable recovery) {
        restartRecoveries.add(recovery);
    }

    @Override
    public void start() {
        running = true;
        connector.execute(this::connect);
        if (timings.on()) {
            connector.scheduleWithFixedDelay(timings::logNew, 1, 1, TimeUnit.SECONDS);
        }
    }

    private void connect() {
        if (!running) {
            return;
        }
        try {
            if (actions.getState() != ManagerConnectionState.CONNECTED) {
                actions.login("off"); // actions only: Asterisk sends this session no events
            }
            connection.login(EVENT_CLASSES);
            log.info("AMI connected to {}:{} ({})", properties.amiHost(), properties.amiPort(), connection.getVersion());
            events.execute(() -> {
                filterEvents();
                resyncAll();
            });
        } catch (Exception e) {
            log.warn("AMI login to {}:{} failed ({}); retrying in 2 s", properties.amiHost(), properties.amiPort(),
                    e.getMessage());
            connector.schedule(this::connect, 2, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs on asterisk-java's event thread (its AsyncEventPump, which the socket reader feeds): queue
     * events are handled here, without a further hand-off, as each one costs a thread wake-up. The
     * session's lifecycle (reconnect, Asterisk restarted) goes to the {@code ami-events} thread in
     * order, since a resynchronisation waits for AMI answers that this thread delivers.
     */
    private void received(ManagerEvent event) {
        if (event instanceof ConnectEvent || event instanceof DisconnectEvent || event instanceof FullyBootedEvent) {
            if (event instanceof DisconnectEvent) {
                lastLostAt = System.nanoTime();
                sessionsLost.incrementAndGet();
            }
            events.execute(() -> lifecycle(event));
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

    private void lifecycle(ManagerEvent event) {
        if (event instanceof FullyBootedEvent && restarts.fullyBooted() == AsteriskRestartWatch.Decision.RESTORE) {
            restoreAll();
        } else if (event instanceof DisconnectEvent) {
            restarts.disconnected();
        } else if (event instanceof ConnectEvent) {
            log.info("AMI reconnected; resynchronising queues");
            filterEvents();
            resyncAll();
        }
    }

    /** One event, on the event thread (package-private: the tests feed events here). */
    void handle(ManagerEvent event) {
        if (event instanceof QueueCallerJoinEvent join && join.getUniqueId() != null && join.getChannel() != null) {
            callerChannels.put(join.getUniqueId(), new String[] {join.getChannel(), join.getQueue()});
        }
        translator.unreachableAgent(event).ifPresent(agent -> {
            log.info("phone of agent {} is unreachable", agent);
            for (AgentPhoneListener listener : phoneListeners) {
                try {
                    listener.phoneUnavailable(agent);
                } catch (RuntimeException e) {
                    log.error("listener {} failed on unreachable phone {}", listener.getClass().getSimpleName(), agent, e);
                }
            }
        });
        contacts.lost(event).ifPresent(this::registrationLost);
        if (event instanceof AgentConnectEvent connect && connect.getUniqueId() != null) {
            talking.add(connect.getUniqueId());
        }
        translator.translate(event).ifPresent(this::dispatch);
        if (event instanceof AgentCompleteEvent complete && complete.getUniqueId() != null) {
            talking.remove(complete.getUniqueId());
            releaseHangUp(complete.getUniqueId(), false);
        }
        if (event instanceof HangupEvent hangup && hangup.getUniqueId() != null) {
            String uniqueId = hangup.getUniqueId();
            String[] caller = callerChannels.remove(uniqueId);
            if (caller != null && talking.contains(uniqueId)) {
                heldHangUps.put(uniqueId, caller);
                try {
                    connector.schedule(() -> releaseHangUp(uniqueId, true), HANG_UP_HOLD.toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    releaseHangUp(uniqueId, true);
                }
            } else if (caller != null) {
                dispatch(new QueueCallEvent.CallerHungUp(caller[1], uniqueId));
            }
        }
    }

    /**
     * Tells the listeners of a talking caller's hang-up held for app_queue's AgentComplete: after it (which
     * already ended the call, so the hang-up only clears what is left), or without it once
     * {@link #HANG_UP_HOLD} has passed ({@code late}).
     */
    private void releaseHangUp(String uniqueId, boolean late) {
        String[] caller = heldHangUps.remove(uniqueId);
        if (caller == null) {
            return;
        }
        if (late) {
            talking.remove(uniqueId);
            // Also when this connection's events run late (a burst): the AgentComplete then comes after.
            log.info("call {} hung up and no AgentComplete followed within {} ms: ended as the caller's hang-up",
                    uniqueId, HANG_UP_HOLD.toMillis());
        }
        dispatch(new QueueCallEvent.CallerHungUp(caller[1], uniqueId));
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

    private void dispatch(QueueCallEvent translated) {
        if (!properties.queues().contains(translated.queue())) {
            // A queue this adapter does not keep (another node's, or a test's): not ours to act on.
            return;
        }
        log.debug("AMI {}", translated);
        tell(listeners, translated);
        if (!followers.isEmpty()) {
            behind.execute(() -> tell(followers, translated));
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

    /** The filters {@link #filterEvents} sends: by name on Asterisk 22 and later, else one regular expression. */
    static List<FilterAction> eventFilters(boolean asterisk22) {
        List<FilterAction> filters = new ArrayList<>();
        if (asterisk22) {
            EVENT_NAMES.forEach(name -> filters.add(EventFilter.named(name)));
            filters.add(EventFilter.namedWithHeader("DeviceStateChange", "State", "UNAVAILABLE"));
        } else {
            filters.add(new FilterAction(EVENTS));
        }
        return filters;
    }

    /**
     * Asks Asterisk for only {@link #EVENT_NAMES} on this connection (a filter lasts as long as the AMI
     * session). Asterisk 22 matches each event against every session's filters on that session's thread:
     * by event name (a hash look-up, {@link EventFilter}) rather than with the old regular expression
     * over the whole event, which Asterisk runs in its multibyte locale for each of the thousands of
     * events a second a burst of calls makes (dialplan steps, variables, bridges...).
     */
    private void filterEvents() {
        List<FilterAction> filters = eventFilters(connection.getVersion() != null
                && connection.getVersion().isAtLeast(AsteriskVersion.ASTERISK_22));
        for (FilterAction filter : filters) {
            try {
                connection.sendAction(filter, response -> {
                    if (response instanceof ManagerError) {
                        log.warn("Asterisk refused the AMI event filter {} ({}): every event is parsed",
                                filter, response.getMessage());
                    }
                });
            } catch (Exception e) {
                log.warn("could not send the AMI event filter: {}", e.getMessage());
            }
        }
    }

    private static void runAll(List<Runnable> recoveries, String what) {
        for (Runnable recovery : recoveries) {
            try {
                recovery.run();
            } catch (RuntimeException e) {
                log.warn("could not {}: {}", what, e.toString());
            }
        }
    }

    /** On a (re)connect: the usual resynchronisation, or, when Asterisk restarted, the restore (once booted). */
    private void resyncAll() {
        AsteriskRestartWatch.Decision decision = restarts.connected(coreStartup());
        if (decision == AsteriskRestartWatch.Decision.RESTORE) {
            restoreAll();
        } else if (decision == AsteriskRestartWatch.Decision.RESYNC) {
            resyncQueues();
        }
    }

    private void restoreAll() {
        runAll(restartRecoveries, "close the calls Asterisk's restart cut");
        for (String queue : properties.queues()) {
            try {
                restores.forEach(restore -> restore.accept(queue));
            } catch (RuntimeException e) {
                log.warn("could not restore queue {} after the Asterisk restart: {}", queue, e.getMessage());
            }
        }
    }

    /** Asterisk's start time (CoreStatus), or null when it cannot be read now. */
    private String coreStartup() {
        try {
            ManagerResponse response = send(new CoreStatusAction(), "read Asterisk's start time");
            if (response instanceof CoreStatusResponse status && status.getCoreStartupTime() != null) {
                return status.getCoreStartupDate() + " " + status.getCoreStartupTime();
            }
        } catch (AsteriskUnavailable e) {
            log.debug("Asterisk's start time unknown: {}", e.getMessage());
        }
        return null;
    }

    private void resyncQueues() {
        runAll(callRecoveries, "recover the calls in progress");
        for (String queue : properties.queues()) {
            try {
                resyncs.forEach(resync -> resync.accept(queue));
            } catch (RuntimeException e) {
                log.warn("could not resynchronise queue {}: {}", queue, e.getMessage());
            }
        }
    }

    /** How many times the AMI event session was lost since the start (a reconnect follows each). */
    public long sessionsLost() {
        return sessionsLost.get();
    }

    /** When the event session was last lost (System.nanoTime()); 0 if never. */
    long lastLostAt() {
        return lastLostAt;
    }

    public boolean connected() {
        return connection.getState() == ManagerConnectionState.CONNECTED
                && actions.getState() == ManagerConnectionState.CONNECTED;
    }

    public String asteriskVersion() {
        return connected() && connection.getVersion() != null ? connection.getVersion().toString() : "unknown";
    }

    /**
     * Appends the agent at the queue's tail. Sent without waiting for Asterisk's answer, so the event
     * thread never blocks on AMI: Asterisk runs one session's actions in order, so a later action or
     * QueueStatus sees this one. A QueueRemove goes first, so an agent somehow still listed moves to
     * the tail instead of keeping its old place. A refusal is logged and the queue resynchronised.
     */
    @Override
    public void add(String queue, String agent) {
        QueueAddAction add = new QueueAddAction(queue, properties.interfaceOf(agent));
        add.setMemberName(agent);
        add.setStateInterface(properties.interfaceOf(agent));
        sendWithoutWaiting(new QueueRemoveAction(queue, properties.interfaceOf(agent)), queue, null);
        sendWithoutWaiting(add, queue, "add " + agent + " to queue " + queue);
    }

    /** Takes the agent out of the queue; like {@link #add}, without waiting. Removing an absent agent is no error. */
    @Override
    public void remove(String queue, String agent) {
        sendWithoutWaiting(new QueueRemoveAction(queue, properties.interfaceOf(agent)), queue, null);
    }

    /**
     * Sends an action in order, on the writer thread; {@code what} non-null: a refusal is logged and the
     * queue resynchronised. Asterisk away now: {@link AsteriskUnavailable} at once; a write that fails
     * later (the session dropped meanwhile) is logged and the queue resynchronised, as the reconnect does.
     */
    private void sendWithoutWaiting(ManagerAction action, String queue, String what) {
        String described = what != null ? what : action.getAction() + " on queue " + queue;
        requireConnected(described);
        try {
            writer.execute(() -> {
                try {
                    actions.sendAction(action, response -> {
                        log.debug("AMI {} -> {} {}", action.getAction(), response.getResponse(), response.getMessage());
                        if (what != null && response instanceof ManagerError) {
                            log.warn("Asterisk refused to {}: {}; resynchronising the queue", what,
                                    response.getMessage());
                            events.execute(() -> resyncs.forEach(resync -> resync.accept(queue)));
                        }
                    });
                } catch (Exception e) {
                    log.warn("could not {} ({}); resynchronising the queue", described, e.getMessage());
                    events.execute(() -> resyncs.forEach(resync -> resync.accept(queue)));
                }
            });
        } catch (RejectedExecutionException e) {
            throw new AsteriskUnavailable(described, e); // stopping
        }
    }

    /** Runs {@code call} on the writer thread, after the actions queued before it, and waits for it. */
    private <T> T onWriter(Callable<T> call, String what) {
        try {
            return writer.submit(call).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AsteriskUnavailable unavailable ? unavailable
                    : new AsteriskUnavailable(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsteriskUnavailable(what, e);
        } catch (RejectedExecutionException e) {
            throw new AsteriskUnavailable(what, e);
        }
    }

    /**
     * Waits until Asterisk has carried out every action queued before this call: a Ping sent after them
     * on the same session is answered after them. An agent's login or pause answers only then, so a
     * client reading the queue right after sees the change. Asterisk gone meanwhile is no error here: the
     * change is in the adapter's state, and the reconnect sets Asterisk's queues from it.
     */
    @Override
    public void awaitApplied() {
        try {
            onWriter(() -> actions.sendAction(new PingAction(), properties.actionTimeout().toMillis()),
                    "apply the queued queue changes");
        } catch (AsteriskUnavailable e) {
            log.info("queue changes not confirmed by Asterisk ({}); the reconnect sets its queues", e.getMessage());
        }
    }

    @Override
    public void hangUp(String callerChannelId) {
        String[] caller = callerChannels.get(callerChannelId);
        String channel = caller == null ? null : caller[0];
        if (channel == null) {
            log.info("hang-up of call {} asked, but it is not waiting in a queue any more", callerChannelId);
            return;
        }
        // 16 = normal clearing: the customer gave up.
        ManagerResponse response = send(new HangupAction(channel, 16), "hang up call " + callerChannelId);
        if (response instanceof ManagerError) {
            log.info("hang-up of call {} not done: {}", callerChannelId, response.getMessage());
        }
    }

    @Override
    public List<String> members(String queue) {
        requireConnected("read queue " + queue);
        QueueStatusAction status = new QueueStatusAction();
        status.setQueue(queue);
        try {
            ResponseEvents response = onWriter(() -> actions.sendEventGeneratingAction(status,
                    properties.actionTimeout().toMillis()), "read queue " + queue);
            List<String> members = new ArrayList<>();
            for (ManagerEvent event : response.getEvents()) {
                if (event instanceof QueueMemberEvent member && queue.equals(member.getQueue())) {
                    members.add(member.getMemberName() != null ? member.getMemberName()
                            : properties.agentOf(member.getInterface()));
                }
            }
            return members;
        } catch (Exception e) {
            throw new AsteriskUnavailable("read queue " + queue, e);
        }
    }

    /** Sends an event-generating action (e.g. CoreShowChannels) and waits for all its events. */
    ResponseEvents query(EventGeneratingAction action, String what) {
        requireConnected(what);
        try {
            return connection.sendEventGeneratingAction(action, properties.actionTimeout().toMillis());
        } catch (Exception e) {
            throw new AsteriskUnavailable(what, e);
        }
    }

    /** A channel variable's value, or null when it is not set (or the channel is gone). */
    String variable(String channel, String name) {
        ManagerResponse response = send(new GetVarAction(channel, name), "read " + name + " of " + channel);
        if (response instanceof GetVarResponse value && value.getValue() != null && !value.getValue().isEmpty()) {
            return value.getValue();
        }
        return null;
    }

    /**
     * A caller found waiting or talking in a queue after a (re)connect, or a call the voice-link script has
     * just linked ({@code answered} false): it can be hung up like the others, and its Hangup is told as
     * the caller's even if it never joins the queue.
     */
    /** The callers this gateway follows now, by Uniqueid (see {@link #forgetGone}). */
    Set<String> followedCallers() {
        Set<String> followed = new HashSet<>(callerChannels.keySet());
        followed.addAll(talking);
        return followed;
    }

    /**
     * Of the callers followed before a read of Asterisk's channels ({@code before}), those it no longer
     * holds ({@code live}: the Uniqueids read) ended while their events were lost: they are forgotten.
     */
    void forgetGone(Set<String> before, Set<String> live) {
        for (String uniqueId : before) {
            if (!live.contains(uniqueId)) {
                callerChannels.remove(uniqueId);
                talking.remove(uniqueId);
            }
        }
    }

    void knowCaller(String uniqueId, String channel, String queue, boolean answered) {
        callerChannels.putIfAbsent(uniqueId, new String[] {channel, queue});
        if (answered) {
            talking.add(uniqueId);
        }
    }

    private ManagerResponse send(ManagerAction action, String what) {
        requireConnected(what);
        try {
            ManagerResponse response = onWriter(() -> actions.sendAction(action, properties.actionTimeout().toMillis()),
                    what);
            log.debug("AMI {} -> {} {}", action.getAction(), response.getResponse(), response.getMessage());
            return response;
        } catch (Exception e) {
            throw new AsteriskUnavailable(what, e);
        }
    }

    private void requireConnected(String what) {
        if (!connected()) {
            throw new AsteriskUnavailable(what, null);
        }
    }

    @Override
    public void stop() {
        running = false;
        connector.shutdownNow();
        writer.shutdown(); // the actions queued so far are still written (e.g. members taken out on the way down)
        try {
            if (!writer.awaitTermination(properties.actionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("AMI actions still queued at stop were not sent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ManagerConnection open : List.of(connection, actions)) {
            if (open.getState() == ManagerConnectionState.CONNECTED) {
                open.logoff();
            }
        }
        events.shutdown();
        behind.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
