package io.dataivr.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataivr.agent.AgentFeature;
import io.dataivr.agent.AgentState;
import io.dataivr.call.ChannelId;
import io.dataivr.call.HungUpBy;
import io.dataivr.call.QueueCallEvent;
import io.dataivr.fixtures.FakeQueueMembership;
import io.dataivr.fixtures.InMemoryIdleAgentMirror;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.session.CallState;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.VoiceRequest;
import io.dataivr.session.device.DeviceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WallboardServiceTests {

    private static final String Q = "support";

    /** A watcher that keeps every frame it is pushed. */
    static final class Frames implements WallboardListener {
        final List<Wallboard> boards = new CopyOnWriteArrayList<>();
        final List<List<String>> queues = new CopyOnWriteArrayList<>();
        volatile boolean watching = true;

        @Override
        public void changed(Wallboard board, List<String> changed, boolean sessions) {
            boards.add(board);
            queues.add(changed);
        }

        @Override
        public boolean watching() {
            return watching;
        }

        Wallboard last() {
            return boards.get(boards.size() - 1);
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T09:00:00Z"));
    private final AgentFeature agents = AgentFeature.over(new FakeQueueMembership(), new InMemoryIdleAgentMirror(),
            (agent, from, to, reason) -> { }, io.dataivr.agent.AgentProperties.defaults(), (delay, task) -> task.run(),
            clock);
    private final UUID browserSession = UUID.randomUUID();
    private final CallOrigins origins = new CallOrigins(
            id -> id.equals(browserSession) ? DeviceKind.WEBRTC : DeviceKind.SIP);
    private final DayReportsTests.CountingStore store = new DayReportsTests.CountingStore();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ReportProperties properties = new ReportProperties(20, "UTC", Duration.ofMillis(200),
            Duration.ofMillis(800));
    private final WallboardService wallboard = new WallboardService(
            new LiveQueues(agents.service(), origins, List.of(Q, "sales"), clock),
            new DayReports(store, properties, List.of(Q, "sales"), clock), properties, clock, timer);
    private final Frames frames = new Frames();

    WallboardServiceTests() {
        agents.service().subscribe(wallboard);
        wallboard.subscribe(frames);
    }

    @AfterEach
    void stop() {
        wallboard.close();
    }

    @Test
    void theBoardShowsWaitingCallersWithTheirOriginTheFifoInOrderAndTheAgentsByState() {
        agents.service().login("agent1", Q);
        clock.advance(Duration.ofSeconds(1));
        agents.service().login("agent2", Q);
        clock.advance(Duration.ofSeconds(1));
        agents.service().login("agent3", Q);
        clock.advance(Duration.ofSeconds(5));
        agents.service().pause("agent2", "lunch");

        linked(UUID.randomUUID(), "app-call");
        linked(browserSession, "browser-call");
        wallboard.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("phone-call"), 1));
        clock.advance(Duration.ofSeconds(3));
        wallboard.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("app-call"), 2));
        wallboard.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("browser-call"), 3));
        clock.advance(Duration.ofSeconds(10));

        Wallboard.QueueBoard board = wallboard.snapshot().queue(Q);
        assertThat(board.waiting()).extracting(Wallboard.WaitingCaller::origin)
                .containsExactly(CallOrigin.PHONE, CallOrigin.APP, CallOrigin.BROWSER);
        assertThat(board.longestSince()).isEqualTo(Instant.parse("2026-12-05T09:00:07Z"));
        assertThat(board.fifo()).extracting(Wallboard.FifoAgent::name).containsExactly("agent1", "agent3");
        assertThat(board.fifo().get(0).since()).isEqualTo(Instant.parse("2026-12-05T09:00:00Z"));
        assertThat(board.agents()).extracting(Wallboard.AgentOnBoard::name, Wallboard.AgentOnBoard::state,
                Wallboard.AgentOnBoard::pauseReason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("agent1", AgentState.IDLE, null),
                org.assertj.core.groups.Tuple.tuple("agent2", AgentState.PAUSED, "lunch"),
                org.assertj.core.groups.Tuple.tuple("agent3", AgentState.IDLE, null));
        assertThat(wallboard.snapshot().queue("sales").waiting()).isEmpty();

        // The head answers the first caller: it leaves the line and the FIFO; the others move up.
        agents.rules().on(new QueueCallEvent.AgentRinging(Q, ChannelId.of("phone-call"), "agent1"));
        agents.rules().on(new QueueCallEvent.AgentAnswered(Q, ChannelId.of("phone-call"), "agent1"));
        wallboard.on(new QueueCallEvent.AgentAnswered(Q, ChannelId.of("phone-call"), "agent1"));
        wallboard.on(new QueueCallEvent.CallerAbandoned(Q, ChannelId.of("browser-call")));
        board = wallboard.snapshot().queue(Q);
        assertThat(board.waiting()).extracting(Wallboard.WaitingCaller::origin).containsExactly(CallOrigin.APP);
        assertThat(board.fifo()).extracting(Wallboard.FifoAgent::name).containsExactly("agent3");
        assertThat(board.agents()).filteredOn(a -> a.name().equals("agent1"))
                .extracting(Wallboard.AgentOnBoard::state).containsExactly(AgentState.TALKING);
    }

    @Test
    void aBurstOfChangesIsPushedInAFewFramesAndTheFiguresAreReadOncePerBurst() {
        agents.service().login("agent1", Q);
        wallboard.watchersChanged();
        await().atMost(Duration.ofSeconds(5)).until(() -> !frames.boards.isEmpty());
        int readsBefore = store.reads();
        int framesBefore = frames.boards.size();

        for (int i = 0; i < 100; i++) {
            wallboard.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("c" + i), i + 1));
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(frames.last().queue(Q).waiting()).hasSize(100));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.reads() > readsBefore);
        await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3)).until(() -> true);

        assertThat(frames.boards.size() - framesBefore).as("100 joins in a few frames").isBetween(1, 4);
        assertThat(store.reads() - readsBefore).as("100 joins, the figures read at most twice").isBetween(1, 2);
        assertThat(frames.queues.get(frames.queues.size() - 1)).as("only the queue that changed")
                .containsExactly(Q);
    }

    @Test
    void nobodyWatchingMeansNothingIsBuiltNorRead() {
        frames.watching = false;
        for (int i = 0; i < 20; i++) {
            wallboard.on(new QueueCallEvent.CallerJoined(Q, ChannelId.of("c" + i), i + 1));
            wallboard.on(new QueueCallEvent.CallerHungUp(Q, ChannelId.of("c" + i)));
        }
        agents.service().login("agent1", Q);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);

        assertThat(frames.boards).isEmpty();
        assertThat(store.reads()).isZero();
        assertThat(wallboard.snapshot().queue(Q).waiting()).as("still followed").isEmpty();
        assertThat(store.reads()).as("a snapshot reads them").isEqualTo(1);
    }

    @Test
    void aCallEndReadsTheFiguresAgainAndPushesThem() {
        wallboard.watchersChanged();
        await().atMost(Duration.ofSeconds(5)).until(() -> !frames.boards.isEmpty());
        store.calls = List.of(QueueFiguresTests.call(Q, 0, 3, 50, "completed by agent"));
        wallboard.on(new QueueCallEvent.AgentHungUp(Q, ChannelId.of("x"), "agent1", HungUpBy.AGENT));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(frames.last().queue(Q).today().answered()).isEqualTo(1));
        assertThat(frames.last().queue(Q).today().serviceLevel()).isEqualTo(1.0);
    }

    private void linked(UUID session, String channel) {
        VoiceRequest request = new VoiceRequest("vr-" + channel, session, Q, "0", clock.instant());
        ConsultationSession s = new ConsultationSession(session, null, "en", null, List.of(), new CallState.NoCall(), 0,
                0, 0, clock.instant());
        origins.callChanged(s, new CallState.Requested(request, ChannelId.of(channel)));
    }
}
