package io.dataivr.voice;

import io.dataivr.agent.AgentPhoneListener;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.call.QueueCallListener;
import io.dataivr.agent.QueueMembership;
import io.dataivr.call.CallControl;
import io.dataivr.session.device.DevicePhoneListener;
import io.dataivr.call.VoiceLinks;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.device.SipAccountCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.GetVarResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The adapter's side of AMI, put together: the two sessions and their writer ({@link AmiConnections}),
 * the events in ({@link AmiEventDispatcher}), the callers followed in the queues
 * ({@link QueueCallerTracker}), the queue members and call control the features use
 * ({@link #membership()}, {@link #callControl()}), and what runs on every (re)connect or Asterisk
 * restart ({@link AmiResync}). The lifecycle steps run in order on a thread of their own
 * ({@code ami-events}), since a resynchronisation waits for AMI answers that the event thread delivers.
 * Features register before {@link #start()}.
 */
public class AmiGateway implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AmiGateway.class);

    private final VoiceProperties properties;
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> new Thread(r, "ami-events"));
    private final EventTimings timings;
    private final AmiEventDispatcher dispatcher;
    private final AmiConnections ami;
    private final QueueCallerTracker callers;
    private final AmiResync resync;
    private final AmiQueueMembership membership;
    private final AmiCallControl callControl;
    private final AmiSipAccountCache sipAccountCache;
    private final AmiVoiceLinks voiceLinks;
    private final AstDbWriteAhead astDb;

    public AmiGateway(VoiceProperties properties) {
        this(properties, false);
    }

    /** {@code eventTimings}: log the hang-up path's timings and the events received ({@link EventTimings}). */
    public AmiGateway(VoiceProperties properties, boolean eventTimings) {
        this.properties = properties;
        this.timings = new EventTimings(eventTimings);
        this.dispatcher = new AmiEventDispatcher(properties, timings, event -> lifecycle.execute(() -> lifecycle(event)));
        // The action session came back while the event session is up: a resync sends what it missed.
        this.ami = new AmiConnections(properties, dispatcher::received, () -> lifecycle.execute(() -> {
            cachesLoggedIn();
            resync().connected();
        }));
        this.callers = new QueueCallerTracker(ami::schedule, dispatcher::dispatch);
        dispatcher.follow(callers);
        this.resync = new AmiResync(ami, properties.queues());
        this.membership = new AmiQueueMembership(ami, properties,
                queue -> lifecycle.execute(() -> resync.resync(queue)));
        this.callControl = new AmiCallControl(ami, callers);
        this.sipAccountCache = new AmiSipAccountCache(ami, properties.deviceAccountCaches());
        this.voiceLinks = new AmiVoiceLinks(ami, Clock.systemUTC());
        this.astDb = new AstDbWriteAhead(ami, properties.astdbWriteAhead());
    }

    private AmiResync resync() {
        return resync;
    }

    private void cachesLoggedIn() {
        astDb.loggedIn();
        sipAccountCache.loggedIn();
        voiceLinks.sweep();
    }

    /** Asterisk's cached copies of device accounts, expired as each account is revoked. */
    public SipAccountCache sipAccountCache() {
        return sipAccountCache;
    }

    /** The one-time voice links in Asterisk's database. */
    public VoiceLinks voiceLinks() {
        return voiceLinks;
    }

    /**
     * Calls that took their voice link are claimed from {@code calls} (before the start), and the sweep of
     * stale links keeps the links of its open requests.
     */
    public void followLinks(VoiceCallService calls) {
        dispatcher.followLinks(new VoiceLinkEvents(calls, callers, dispatcher::behind, channel -> ami.send(
                new HangupAction(channel, VoiceLinkEvents.CALL_REJECTED), "hang up refused call " + channel)));
        voiceLinks.keepOpen(calls::openLinks);
    }

    /** Asterisk's queue members, kept equal to the idle-agent FIFO by the agent feature. */
    public QueueMembership membership() {
        return membership;
    }

    /** Hangs up customers' calls in the queues. */
    public CallControl callControl() {
        return callControl;
    }

    /** A receiver of queue call events that keeps the FIFO (told first, on the event thread). */
    public void subscribe(QueueCallListener listener) {
        dispatcher.subscribe(listener);
    }

    /** A receiver of queue call events that does not keep the FIFO: told in order on a second thread. */
    public void subscribeBehind(QueueCallListener listener) {
        dispatcher.subscribeBehind(listener);
    }

    /** A receiver of "agent phone unreachable". */
    public void subscribePhones(AgentPhoneListener listener) {
        dispatcher.subscribePhones(listener);
    }

    /** A receiver of "a SIP phone lost its registration" (customer devices). */
    public void subscribeDevicePhones(DevicePhoneListener listener) {
        dispatcher.subscribeDevicePhones(listener);
    }

    /** What to run for each queue when Asterisk itself restarted and is fully booted, instead of the resync. */
    public void onAsteriskRestarted(Consumer<String> queueRestore) {
        resync.onAsteriskRestarted(queueRestore);
    }

    /** What to run for each queue on every (re)connect. */
    public void onConnected(Consumer<String> queueResync) {
        resync.onConnected(queueResync);
    }

    /** What to run on every (re)connect before the queues are resynchronised (calls in progress). */
    public void beforeQueueResync(Runnable recovery) {
        resync.beforeQueueResync(recovery);
    }

    /** What to run when Asterisk restarted, before the queues are restored (the calls it cut). */
    public void beforeQueueRestore(Runnable recovery) {
        resync.beforeQueueRestore(recovery);
    }

    @Override
    public void start() {
        ami.start(() -> lifecycle.execute(() -> {
            filterEvents();
            cachesLoggedIn();
            resync.connected();
        }));
        ami.every(AmiVoiceLinks.SWEEP_EVERY, () -> lifecycle.execute(voiceLinks::sweep));
        if (timings.on()) {
            ami.every(Duration.ofSeconds(1), timings::logNew);
        }
    }

    private void lifecycle(ManagerEvent event) {
        if (event instanceof FullyBootedEvent) {
            resync.fullyBooted();
        } else if (event instanceof DisconnectEvent) {
            resync.disconnected();
        } else if (event instanceof ConnectEvent) {
            log.info("AMI reconnected; resynchronising queues");
            filterEvents();
            cachesLoggedIn();
            resync.connected();
        }
    }

    /**
     * Asks Asterisk for only the events the adapter reads on the event session (a filter lasts as long as
     * the session). Asterisk 22 matches each event against every session's filters on that session's
     * thread: by event name (a hash look-up, {@link EventFilter}) rather than with the old regular
     * expression over the whole event, which Asterisk runs in its multibyte locale for each of the
     * thousands of events a second a burst of calls makes (dialplan steps, variables, bridges...).
     */
    private void filterEvents() {
        AsteriskVersion version = ami.version();
        ami.filterEvents(AmiEventDispatcher.filters(version != null && version.isAtLeast(AsteriskVersion.ASTERISK_22)));
    }

    /** One event, as if the event session received it (the tests feed events here). */
    void handle(ManagerEvent event) {
        dispatcher.handle(event);
    }

    /** How many times the AMI event session was lost since the start (a reconnect follows each). */
    public long sessionsLost() {
        return dispatcher.sessionsLost();
    }

    /** When the event session was last lost (System.nanoTime()); 0 if never. */
    long lastLostAt() {
        return dispatcher.lastLostAt();
    }

    public boolean connected() {
        return ami.connected();
    }

    public String asteriskVersion() {
        return connected() && ami.version() != null ? ami.version().toString() : "unknown";
    }

    /** Sends an event-generating action (e.g. CoreShowChannels) and waits for all its events. */
    ResponseEvents query(EventGeneratingAction action, String what) {
        return ami.query(action, what);
    }

    /** A channel variable's value, or null when it is not set (or the channel is gone). */
    String variable(String channel, String name) {
        ManagerResponse response = ami.send(new GetVarAction(channel, name), "read " + name + " of " + channel);
        if (response instanceof GetVarResponse value && value.getValue() != null && !value.getValue().isEmpty()) {
            return value.getValue();
        }
        return null;
    }

    /** Sets Asterisk's database to commit through its write-ahead log now (it runs at each login). */
    AstDbWriteAhead.Mode writeAhead() {
        return astDb.loggedIn();
    }

    /** Sweeps the stale voice links out of Asterisk's database now (it runs at each login and every minute). */
    int sweepVoiceLinks() {
        return voiceLinks.sweep();
    }

    /** The callers this gateway follows now, by Uniqueid (see {@link #forgetGone}). */
    Set<String> followedCallers() {
        return callers.followed();
    }

    /** Of the callers followed before a read of Asterisk's channels, those it no longer holds are forgotten. */
    void forgetGone(Set<String> before, Set<String> live) {
        callers.forgetGone(before, live);
    }

    /** Tells the followers of a caller found waiting in a queue after a (re)connect ({@link WaitingCallersFound}). */
    void tellFound(QueueCallEvent.CallerFound found) {
        dispatcher.dispatchBehind(found);
    }

    /** A caller found in a queue after a (re)connect. */
    void knowCaller(String uniqueId, String channel, String queue, boolean answered) {
        callers.know(uniqueId, channel, queue, answered);
    }

    @Override
    public void stop() {
        ami.stop();
        lifecycle.shutdown();
        dispatcher.stop();
    }

    @Override
    public boolean isRunning() {
        return ami.running();
    }
}
