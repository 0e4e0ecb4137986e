package io.dataivr.session.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.call.VoiceLinks;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The links stored ahead of a session's voice requests: written once per queue off the caller's thread, taken
 * by one request only when Asterisk holds them and they are for the requesting account, refilled later, and
 * gone (closed in Asterisk) when not used: another account, not stored in time, the session's end.
 */
class LinksAheadTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** What the links were asked to do, in order: "open id queue endpoint" and "close id". */
    static final class RecordingLinks implements VoiceLinks {
        final List<String> done = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile RuntimeException refusal;
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public void open(String requestId, UUID sessionId, String queue, String endpoint) {
            asked.incrementAndGet();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (refusal != null) {
                throw refusal;
            }
            done.add("open " + requestId + " " + queue + " " + endpoint);
        }

        @Override
        public void close(String requestId) {
            done.add("close " + requestId);
        }

        List<String> opened() {
            return done.stream().filter(d -> d.startsWith("open ")).toList();
        }
    }

    private final RecordingLinks links = new RecordingLinks();
    private final AtomicInteger ids = new AtomicInteger();
    private final Set<UUID> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final UUID session = UUID.randomUUID();

    private LinksAhead ahead(Duration refill) {
        live.add(session);
        return new LinksAhead(links, () -> "vr-" + ids.incrementAndGet(), live::contains, refill);
    }

    @Test
    void eachQueueGetsOneLinkStoredForTheAccountAndOneRequestTakesItThenTheNextComesLater() {
        LinksAhead ahead = ahead(Duration.ofMillis(100));
        ahead.prepare(session, List.of("support", "billing"), "dev-a");
        await().atMost(WAIT).until(() -> links.opened().size() == 2);
        assertThat(links.opened()).containsExactlyInAnyOrder("open vr-1 support dev-a", "open vr-2 billing dev-a");
        assertThat(ahead.ids()).containsExactlyInAnyOrder("vr-1", "vr-2");
        assertThat(ahead.holds("vr-1")).isTrue();

        ahead.prepare(session, List.of("support"), "dev-a"); // it has one: nothing more
        LinksAhead.Link support = ahead.ready(session, "support", "dev-a");
        assertThat(support.id()).isEqualTo("vr-1");
        assertThat(ahead.take(session, support)).isTrue();
        assertThat(ahead.take(session, support)).as("a second request on the same link").isFalse();
        assertThat(ahead.ready(session, "support", "dev-a")).isNull();
        assertThat(ahead.ids()).containsExactly("vr-2");

        await().atMost(WAIT).until(() -> links.opened().size() == 3);
        assertThat(links.opened().get(2)).startsWith("open vr-").endsWith(" support dev-a").doesNotContain("vr-1 ");
        await().atMost(WAIT).until(() -> ahead.ready(session, "support", "dev-a") != null);
        assertThat(links.done).noneMatch(d -> d.startsWith("close "));
    }

    @Test
    void aLinkNotStoredYetOrForAnotherAccountIsNotUsedAndGoesFromAsteriskOnceStored() throws Exception {
        LinksAhead ahead = ahead(Duration.ofSeconds(10));
        CountDownLatch gate = new CountDownLatch(1);
        links.gate = gate;
        ahead.prepare(session, List.of("support"), "dev-a");
        await().atMost(WAIT).until(() -> links.asked.get() == 1); // being written
        assertThat(ahead.ready(session, "support", "dev-a")).as("Asterisk does not hold it yet").isNull();
        assertThat(ahead.ids()).isEmpty();
        gate.countDown();
        await().atMost(WAIT).until(() -> links.done.contains("close vr-1"));
        assertThat(links.done).containsExactly("open vr-1 support dev-a", "close vr-1");

        links.gate = new CountDownLatch(0);
        ahead.prepare(session, List.of("support"), "dev-a");
        await().atMost(WAIT).until(() -> links.opened().size() == 2);
        await().atMost(WAIT).until(() -> ahead.ready(session, "support", "dev-a") != null);
        assertThat(ahead.ready(session, "support", "dev-b")).as("another device account's request").isNull();
        await().atMost(WAIT).until(() -> links.done.contains("close vr-2"));
        assertThat(ahead.ids()).isEmpty();
    }

    @Test
    void aLinkAsteriskRefusedIsForgottenAndTheSessionsEndTakesItsLinksWithIt() {
        LinksAhead ahead = ahead(Duration.ofMillis(50));
        links.refusal = new IllegalStateException("Asterisk away");
        ahead.prepare(session, List.of("support"), "dev-a");
        await().atMost(WAIT).until(() -> ahead.ids().isEmpty());
        assertThat(ahead.ready(session, "support", "dev-a")).isNull();
        assertThat(links.done).isEmpty();

        links.refusal = null;
        ahead.prepare(session, List.of("support", "billing"), "dev-a");
        await().atMost(WAIT).until(() -> links.opened().size() == 2);
        LinksAhead.Link billing = ahead.ready(session, "billing", "dev-a");
        assertThat(ahead.take(session, billing)).isTrue();
        live.remove(session);
        ahead.drop(session);
        await().atMost(WAIT).until(() -> links.done.contains("close vr-2"));
        assertThat(ahead.ids()).isEmpty();
        assertThat(links.done).as("the one the request took is its own now: not closed here")
                .doesNotContain("close " + billing.id());

        ahead.prepare(session, List.of("support"), "dev-a"); // too late: the session ended
        await().atMost(WAIT).until(() -> ahead.ids().isEmpty());
        await().pollDelay(Duration.ofMillis(200)).atMost(WAIT).until(() -> links.opened().stream()
                .map(open -> open.split(" ")[1]).allMatch(id -> id.equals(billing.id())
                        || links.done.contains("close " + id)));
        assertThat(ahead.ready(session, "support", "dev-a")).isNull();
    }
}
