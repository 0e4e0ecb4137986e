package io.dataivr.voice;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's two AMI sessions and the one thread that writes actions. One session receives events,
 * the other sends actions (queue members, their status, hang-ups), since Asterisk runs a session's
 * actions on the thread that writes its events and a QueueAdd waiting for a busy queue would hold back
 * the events behind it. Every action but the event filters (sent on the event session for itself) and a
 * new voice link ({@link #sendFromCaller}) is written by one thread ({@code ami-actions}) in the order
 * asked, so Asterisk runs them in that order:
 * the event thread only queues its QueueAdd/QueueRemove there, as a write to Asterisk's socket wakes
 * Asterisk's session thread, which on a loaded machine took the event thread off the CPU for up to tens
 * of ms. Logins are retried every 2 s on a thread of their own ({@code ami-connect}). Both sessions send
 * what is written at once ({@link PromptManagerConnection}: no Nagle delay behind an unanswered action).
 */
final class AmiConnections {

    private static final Logger log = LoggerFactory.getLogger(AmiConnections.class);

    /**
     * The event classes the event session asks for at login: every event it receives is of one of them
     * (queue and agent events: agent; Hangup, DeviceStateChange: call; ContactStatus and Asterisk's
     * lifecycle: system; the VarSet of DATAIVR_REQUEST that says a call took its voice link: dialplan), so
     * the other busy classes (agi, dtmf, test) are not even matched against this session's filters. Of the
     * dialplan class, the filters keep that one VarSet (Asterisk 22 matches by event name, a hash look-up).
     */
    static final String EVENT_CLASSES = "system,call,agent,dialplan";

    private final VoiceProperties properties;
    private final ManagerConnection events;
    private final ManagerConnection actions;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "ami-actions"));
    private final ScheduledExecutorService connector =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ami-connect"));
    private volatile boolean running;
    private volatile Runnable onLoggedIn = () -> { };

    /**
     * {@code received}: every event of the event session, on asterisk-java's event thread;
     * {@code actionSessionBack}: the action session logged in again while the event session stayed up.
     */
    AmiConnections(VoiceProperties properties, Consumer<ManagerEvent> received, Runnable actionSessionBack) {
        this.properties = properties;
        this.events = PromptManagerConnection.to(properties);
        this.events.registerUserEventClass(HangupWithTechCauseEvent.class); // Asterisk 22's TechCause read
        this.events.addEventListener(received::accept);
        this.actions = PromptManagerConnection.to(properties);
        this.actions.addEventListener(event -> {
            if (event instanceof ConnectEvent && running && events.getState() == ManagerConnectionState.CONNECTED) {
                // At start (and when both come back) the event session's login is what the caller hears.
                actionSessionBack.run();
            }
        });
    }

    /** Logs both sessions in, retrying every 2 s; {@code loggedIn} runs after each successful login. */
    void start(Runnable loggedIn) {
        onLoggedIn = loggedIn;
        running = true;
        connector.execute(this::connect);
    }

    private void connect() {
        if (!running) {
            return;
        }
        try {
            if (actions.getState() != ManagerConnectionState.CONNECTED) {
                actions.login("off"); // actions only: Asterisk sends this session no events
            }
            events.login(EVENT_CLASSES);
            log.info("AMI connected to {}:{} ({})", properties.amiHost(), properties.amiPort(), events.getVersion());
            onLoggedIn.run();
        } catch (Exception e) {
            log.warn("AMI login to {}:{} failed ({}); retrying in 2 s", properties.amiHost(), properties.amiPort(),
                    e.getMessage());
            connector.schedule(this::connect, 2, TimeUnit.SECONDS);
        }
    }

    boolean running() {
        return running;
    }

    boolean connected() {
        return events.getState() == ManagerConnectionState.CONNECTED
                && actions.getState() == ManagerConnectionState.CONNECTED;
    }

    /** Asterisk's version as the event session read it at login, or null before that. */
    AsteriskVersion version() {
        return events.getVersion();
    }

    /** Runs {@code task} after {@code delay} on the connector thread; false when stopping. */
    boolean schedule(Duration delay, Runnable task) {
        try {
            connector.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    /** Runs {@code task} every {@code period} on the connector thread. */
    void every(Duration period, Runnable task) {
        connector.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks Asterisk for only these events on the event session (a filter lasts as long as the session). */
    void filterEvents(List<FilterAction> filters) {
        for (FilterAction filter : filters) {
            try {
                events.sendAction(filter, response -> {
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

    /** Sends an action in order and waits for Asterisk's answer; {@link AsteriskUnavailable} when it cannot. */
    ManagerResponse send(ManagerAction action, String what) {
        requireConnected(what);
        try {
            ManagerResponse response = onWriter(() -> actions.sendAction(action, properties.actionTimeout().toMillis()),
                    what);
            log.debug("AMI {} -> {} {}", action.getAction(), response.getResponse(), response.getMessage());
            return response;
        } catch (AsteriskUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AsteriskUnavailable(what, e);
        }
    }

    /**
     * Writes the action from the calling thread, not queued behind the writer thread's, and waits for the
     * answer: only for an action that depends on no action asked before it (a new voice link's DBPut). The
     * caller saves the hand-over to the writer thread, and actions sent at once from several threads (the
     * voice links of customers tapping together) are in flight together; asterisk-java writes one action at
     * a time to the session's socket, and Asterisk runs them in the order written.
     */
    ManagerResponse sendFromCaller(ManagerAction action, String what) {
        requireConnected(what);
        CompletableFuture<ManagerResponse> answer = new CompletableFuture<>();
        try {
            actions.sendAction(action, answer::complete);
        } catch (Exception e) {
            throw new AsteriskUnavailable(what, e);
        }
        try {
            ManagerResponse response = answer.get(properties.actionTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.debug("AMI {} -> {} {}", action.getAction(), response.getResponse(), response.getMessage());
            return response;
        } catch (ExecutionException e) {
            throw new AsteriskUnavailable(what, e.getCause());
        } catch (TimeoutException e) {
            throw new AsteriskUnavailable(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsteriskUnavailable(what, e);
        }
    }

    /** Sends an event-generating action in order on the action session and waits for all its events. */
    ResponseEvents sendForEvents(EventGeneratingAction action, String what) {
        requireConnected(what);
        return onWriter(() -> actions.sendEventGeneratingAction(action, properties.actionTimeout().toMillis()), what);
    }

    /** Sends an event-generating action on the event session (e.g. CoreShowChannels) and waits for its events. */
    ResponseEvents query(EventGeneratingAction action, String what) {
        requireConnected(what);
        try {
            return events.sendEventGeneratingAction(action, properties.actionTimeout().toMillis());
        } catch (Exception e) {
            throw new AsteriskUnavailable(what, e);
        }
    }

    /**
     * Sends an action in order, on the writer thread, without waiting for the answer. Asterisk away now:
     * {@link AsteriskUnavailable} at once. Later, on the writer thread: {@code refused} hears Asterisk's
     * refusal (null: a refusal is no failure), {@code notSent} a write that failed (the session dropped).
     */
    void sendWithoutWaiting(ManagerAction action, String what, Consumer<String> refused, Consumer<String> notSent) {
        requireConnected(what);
        try {
            writer.execute(() -> {
                try {
                    actions.sendAction(action, response -> {
                        log.debug("AMI {} -> {} {}", action.getAction(), response.getResponse(), response.getMessage());
                        if (refused != null && response instanceof ManagerError) {
                            refused.accept(response.getMessage());
                        }
                    });
                } catch (Exception e) {
                    notSent.accept(e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            throw new AsteriskUnavailable(what, e); // stopping
        }
    }

    /**
     * Waits until Asterisk has carried out every action queued before this call: a Ping sent after them
     * on the same session is answered after them.
     */
    void awaitWritten(String what) {
        onWriter(() -> actions.sendAction(new PingAction(), properties.actionTimeout().toMillis()), what);
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

    void requireConnected(String what) {
        if (!connected()) {
            throw new AsteriskUnavailable(what, null);
        }
    }

    /** Stops: the actions queued so far are still written (e.g. members taken out on the way down). */
    void stop() {
        running = false;
        connector.shutdownNow();
        writer.shutdown();
        try {
            if (!writer.awaitTermination(properties.actionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("AMI actions still queued at stop were not sent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ManagerConnection open : List.of(events, actions)) {
            if (open.getState() == ManagerConnectionState.CONNECTED) {
                open.logoff();
            }
        }
    }
}
