package io.dataivr.session.call;

import io.dataivr.call.VoiceLinks;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice links written into Asterisk before the customer asks for an agent, so that the tap on a voice item
 * is answered without a round trip to Asterisk: as a session gets its device account (its menu has a voice
 * item), one link per queue of its menu is stored for that account, on a thread of its own; the session's
 * first voice request of that queue takes it, and another one is stored a while later ({@link #REFILL_AFTER})
 * for the next request (long after the call's set-up). A link not stored yet, refused, or for another account is not
 * used: the request then opens its own, as without links ahead.
 *
 * <p>Safe as the request's own link: its id is as secret (the app learns it only with the {@code voice}
 * answer that hands it over), only the session's device account may dial it (the dialplan checks), and a
 * call on a link no request took yet is refused by the claim ({@link VoiceRequests#claim}: not pending) and
 * hung up. The links go when their session ends ({@link #drop}); one left behind (the adapter stopped) is
 * swept as stale by the next adapter, as any other.
 */
final class LinksAhead {

    private static final Logger log = LoggerFactory.getLogger(LinksAhead.class);
    /** How long after a link ahead was used the session gets the next one: long after the call's set-up. */
    static final Duration REFILL_AFTER = Duration.ofSeconds(10);
    /** At most this many queues of a menu get a link ahead; the others' requests open their own. */
    static final int MAX_QUEUES = 4;

    /** A link ahead: its id, the queue and device account it is for, and whether Asterisk holds it. */
    record Link(String id, String queue, String endpoint, CompletableFuture<Boolean> stored) {

        boolean ready() {
            return stored.getNow(false);
        }
    }

    private final VoiceLinks links;
    private final Supplier<String> newId;
    private final Predicate<UUID> live;
    private final Duration refillAfter;
    private final Map<UUID, Map<String, Link>> bySession = new ConcurrentHashMap<>();
    /** The ids of the links in {@link #bySession}, and their sessions. */
    private final Map<String, UUID> ids = new ConcurrentHashMap<>();
    /** Writes the links ahead, one after another; its thread goes when idle for a while. */
    private final ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "voice-links-ahead");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param newId makes a new link id
     * @param live  whether a session is still open (a refill for a session ended meanwhile is dropped)
     * @param refillAfter how long after a link ahead was used the session gets the next one
     */
    LinksAhead(VoiceLinks links, Supplier<String> newId, Predicate<UUID> live, Duration refillAfter) {
        this.links = links;
        this.refillAfter = refillAfter;
        this.newId = newId;
        this.live = live;
        writer.setKeepAliveTime(30, TimeUnit.SECONDS);
        writer.allowCoreThreadTimeOut(true);
        writer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Stores a link ahead for each of {@code queues} (the first {@link #MAX_QUEUES}) that the session has none
     * for, for its device account {@code endpoint}; returns at once (written on the links' own thread).
     */
    void prepare(UUID sessionId, Collection<String> queues, String endpoint) {
        Objects.requireNonNull(endpoint, "links ahead are for a device account");
        Map<String, Link> mine = bySession.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>());
        queues.stream().limit(MAX_QUEUES).forEach(queue -> {
            Link link = new Link(newId.get(), queue, endpoint, new CompletableFuture<>());
            ids.put(link.id(), sessionId); // before it can be in Asterisk: the sweep keeps it
            if (mine.putIfAbsent(queue, link) == null) {
                writer.execute(() -> store(sessionId, link));
            } else {
                ids.remove(link.id());
            }
        });
        if (!live.test(sessionId)) {
            drop(sessionId); // ended while these were being added: drop() may have run before them
        }
    }

    private void store(UUID sessionId, Link link) {
        if (!holds(sessionId, link)) {
            ids.remove(link.id());
            link.stored().complete(false); // dropped before it was written (dropped later: closed once stored)
            return;
        }
        try {
            links.open(link.id(), sessionId, link.queue(), link.endpoint());
            link.stored().complete(true);
        } catch (RuntimeException e) {
            log.info("session {}: no voice link ahead for queue {} ({}); its request opens its own", sessionId,
                    link.queue(), e.getMessage());
            forget(sessionId, link);
            link.stored().complete(false);
        }
    }

    /**
     * The session's link ahead to {@code queue} for {@code endpoint}, if Asterisk holds it now, else null (none,
     * not written yet, refused, or for another account: such a link is given up).
     */
    Link ready(UUID sessionId, String queue, String endpoint) {
        Map<String, Link> mine = bySession.get(sessionId);
        Link link = mine == null ? null : mine.get(queue);
        if (link == null) {
            return null;
        }
        if (link.ready() && link.endpoint().equals(endpoint)) {
            return link;
        }
        if (forget(sessionId, link)) {
            closeOnceStored(link);
        }
        return null;
    }

    /**
     * The request took {@code link} (its id is pending now): false if another request took it first. The
     * session gets the next link to that queue a while later.
     */
    boolean take(UUID sessionId, Link link) {
        if (!forget(sessionId, link)) {
            return false;
        }
        writer.schedule(() -> {
            if (live.test(sessionId)) {
                prepare(sessionId, Set.of(link.queue()), link.endpoint());
            }
        }, refillAfter.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** The session ended: its links ahead go (from Asterisk too). */
    void drop(UUID sessionId) {
        Map<String, Link> mine = bySession.remove(sessionId);
        if (mine != null) {
            mine.values().forEach(link -> {
                ids.remove(link.id());
                closeOnceStored(link);
            });
        }
    }

    /** The ids of every link ahead (the sweep of stale links keeps them; a call on one is judged here). */
    Set<String> ids() {
        return Set.copyOf(ids.keySet());
    }

    boolean holds(String id) {
        return ids.containsKey(id);
    }

    /**
     * A call took the link {@code id} in the dialplan before any request did (and was refused): Asterisk no
     * longer holds it, so it is forgotten and the session's request to its queue opens its own.
     */
    void taken(String id) {
        UUID sessionId = ids.get(id);
        Map<String, Link> mine = sessionId == null ? null : bySession.get(sessionId);
        if (mine != null) {
            mine.values().stream().filter(link -> link.id().equals(id)).findFirst()
                    .ifPresent(link -> forget(sessionId, link));
        }
    }

    private boolean holds(UUID sessionId, Link link) {
        Map<String, Link> mine = bySession.get(sessionId);
        return mine != null && mine.get(link.queue()) == link;
    }

    private boolean forget(UUID sessionId, Link link) {
        Map<String, Link> mine = bySession.get(sessionId);
        if (mine == null || !mine.remove(link.queue(), link)) {
            return false;
        }
        ids.remove(link.id());
        return true;
    }

    private void closeOnceStored(Link link) {
        link.stored().thenAccept(stored -> {
            if (stored) {
                try {
                    links.close(link.id());
                } catch (RuntimeException e) {
                    log.info("voice link ahead {} not closed now ({}): the next sweep deletes it", link.id(),
                            e.getMessage());
                }
            }
        });
    }
}
