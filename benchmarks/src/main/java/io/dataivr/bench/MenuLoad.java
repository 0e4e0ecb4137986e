package io.dataivr.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The IP channel under load, against a ceiling measured in the same run: N WebSocket sessions
 * navigate the demo menu (choose 2 → menu, back → menu, choose 1 → content, …) as fast as answers
 * come, and the same N connections send frames of the same size to the server's echo endpoint
 * ({@link EchoFrames}); both are warmed up first. Then an open-loop run at half the measured
 * maximum, consult→menu latency, and N idle sessions held open. Each throughput phase reports the
 * CPU time per message of the adapter, this generator and PostgreSQL ({@link CpuShare}).
 *
 * usage: MenuLoad BASE_URL [connections=64] [seconds=20] [idle=10000] [token=]
 */
public final class MenuLoad {

    private static final String[] NAVIGATION = {
            "{\"type\":\"choose\",\"key\":\"2\"}", "{\"type\":\"back\"}", "{\"type\":\"choose\",\"key\":\"1\"}",
            "{\"type\":\"choose\",\"key\":\"3\"}", "{\"type\":\"menu\"}"};

    private final String base;
    private final String consult;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final CpuShare cpu;

    private MenuLoad(String base, String token, CpuShare cpu) {
        this.base = base;
        this.cpu = cpu;
        this.consult = token == null || token.isEmpty() ? "{\"type\":\"consult\",\"language\":\"zh-CN\"}"
                : "{\"type\":\"consult\",\"language\":\"zh-CN\",\"token\":\"" + token + "\"}";
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "ws://127.0.0.1:18080";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int idle = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        String token = args.length > 4 ? args[4] : null;
        Set<String> phases = Set.of(System.getProperty("dataivr.bench.phases", "warmup,echo,menu,open,consult,idle").split(","));
        MenuLoad load = new MenuLoad(base, token, new CpuShare(Long.getLong("dataivr.bench.adapter-pid", 0)));
        Duration duration = Duration.ofSeconds(seconds);

        System.out.printf(Locale.ROOT, "| measure | value |%n|---|---|%n");
        EchoFrames frames = load.navigationSizedFrames();
        if (phases.contains("warmup")) { // both paths compiled by the JIT before either is measured
            Duration warmup = Duration.ofSeconds(Integer.getInteger("dataivr.bench.warmup-seconds", 5));
            load.closedLoop("warmup-echo", "/ws/v1/echo", connections, warmup, frames::frame);
            load.closedLoop("warmup-menu", "/ws/v1/consultation", connections, warmup,
                    n -> NAVIGATION[n % NAVIGATION.length]);
        }
        Result small = null;
        if (phases.contains("small-echo")) {
            small = load.closedLoop("small-echo", "/ws/v1/echo", connections, duration, n -> "{\"type\":\"ping\",\"n\":" + n + "}");
            System.out.printf(Locale.ROOT, "| echo, 32-byte frames, %d connections, closed loop | %.0f msg/s (p50 %.2f ms, p99 %.2f ms) |%n",
                    connections, small.perSecond, ms(small.latency, 50), ms(small.latency, 99));
            System.out.printf(Locale.ROOT, "| CPU µs per message, echo with 32-byte frames | %s |%n", small.cpu);
        }
        Result echo = null;
        if (phases.contains("echo")) {
            echo = load.closedLoop("echo", "/ws/v1/echo", connections, duration, frames::frame);
            System.out.printf(Locale.ROOT, "| echo ceiling, %d connections, closed loop, frames of %d bytes each way (navigation: %d up + %d down) | %.0f msg/s (p50 %.2f ms, p99 %.2f ms) |%n",
                    connections, frames.bytes(), frames.requestBytes(), frames.responseBytes(), echo.perSecond,
                    ms(echo.latency, 50), ms(echo.latency, 99));
            System.out.printf(Locale.ROOT, "| CPU µs per message, echo | %s |%n", echo.cpu);
        }
        Result menu = null;
        if (phases.contains("menu")) {
            menu = load.closedLoop("menu", "/ws/v1/consultation", connections, duration, n -> NAVIGATION[n % NAVIGATION.length]);
            String ratio = echo == null ? "" : String.format(Locale.ROOT, " = %.2f × echo", menu.perSecond / echo.perSecond);
            String smallRatio = small == null ? ""
                    : String.format(Locale.ROOT, " (%.2f × the 32-byte echo)", menu.perSecond / small.perSecond);
            System.out.printf(Locale.ROOT, "| menu navigation, %d sessions, closed loop | %.0f msg/s%s%s (p50 %.2f ms, p99 %.2f ms) |%n",
                    connections, menu.perSecond, ratio, smallRatio, ms(menu.latency, 50), ms(menu.latency, 99));
            System.out.printf(Locale.ROOT, "| CPU µs per message, menu navigation | %s |%n", menu.cpu);
        }
        if (phases.contains("open")) {
            double halfRate = menu != null ? menu.perSecond / 2 : Double.parseDouble(System.getProperty("dataivr.bench.rate", "5000"));
            Result open = load.openLoop(connections, duration, halfRate);
            System.out.printf(Locale.ROOT, "| menu navigation at half the maximum (%.0f msg/s, open loop) | p50 %.2f ms, p99 %.2f ms, max %.2f ms |%n",
                    halfRate, ms(open.latency, 50), ms(open.latency, 99), open.latency.getMaxValue() / 1000.0);
            System.out.printf(Locale.ROOT, "| CPU µs per message, open loop | %s |%n", open.cpu);
        }
        if (phases.contains("consult")) {
            Histogram consultLatency = load.consultLatency(500);
            System.out.printf(Locale.ROOT, "| consult → menu received (500 new sessions) | p50 %.2f ms, p99 %.2f ms |%n",
                    ms(consultLatency, 50), ms(consultLatency, 99));
        }
        if (idle > 0 && phases.contains("idle")) {
            int held = load.holdIdle(idle);
            System.out.printf(Locale.ROOT, "| idle sessions held open at once | %d of %d |%n", held, idle);
        }
        System.out.printf("%ncommand: bench/menu-load.sh %d %d %d%n", connections, seconds, idle);
        System.exit(0);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private record Result(double perSecond, Histogram latency, String cpu) {
    }

    /** Every connection sends its next message as soon as the answer to the last one arrived. */
    private Result closedLoop(String name, String path, int connections, Duration duration,
            IntFunction<String> message) throws Exception {
        boolean menu = path.endsWith("/consultation");
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong answered = new AtomicLong();
        List<Channel> channels = new ArrayList<>();
        long warmupEnds = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long ends = warmupEnds + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            Channel channel = Channel.open(http, URI.create(base + path));
            channels.add(channel);
            if (menu) {
                openSession(channel);
            }
            AtomicInteger step = new AtomicInteger();
            long[] sentAt = new long[1];
            channel.onFrame(frame -> {
                long now = System.nanoTime();
                if (now > warmupEnds) {
                    latency.recordValue((now - sentAt[0]) / 1000);
                    answered.incrementAndGet();
                }
                if (now > ends) {
                    finished.countDown();
                    return;
                }
                sentAt[0] = System.nanoTime();
                channel.send(message.apply(step.incrementAndGet()));
            });
            sentAt[0] = System.nanoTime();
            channel.send(message.apply(0));
        }
        sleepUntil(warmupEnds);
        CpuShare.Sample before = cpu.sample();
        long answeredBefore = answered.get();
        marker("PHASE " + name);
        sleepUntil(ends);
        CpuShare.Sample after = cpu.sample();
        marker("PHASE-END " + name);
        String share = CpuShare.perMessage(before, after, answered.get() - answeredBefore);
        finished.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
        channels.forEach(Channel::close);
        return new Result(answered.get() / (double) duration.toSeconds(), latency, share);
    }

    /** A line bench/menu-load.sh acts on (and leaves out of the table), e.g. to profile one phase. */
    private static void marker(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /**
     * Sends at a fixed total rate, each connection on its own schedule; latency counts from when a
     * message was due (its slot in the schedule), not from when it left, and the first 2 seconds
     * (while the connections open and the rate settles) are not counted.
     */
    private Result openLoop(int connections, Duration duration, double rate) throws Exception {
        Histogram latency = new ConcurrentHistogram(3);
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
        long periodNanos = (long) (connections * 1e9 / rate);
        List<Channel> channels = new ArrayList<>();
        long start = System.nanoTime() + Duration.ofMillis(100).toNanos();
        long warmupEnds = start + Duration.ofSeconds(2).toNanos();
        long ends = warmupEnds + duration.toNanos();
        for (int c = 0; c < connections; c++) {
            Channel channel = Channel.open(http, URI.create(base + "/ws/v1/consultation"));
            openSession(channel);
            channels.add(channel);
            ArrayDeque<Long> due = new ArrayDeque<>();
            AtomicInteger step = new AtomicInteger();
            long first = start + periodNanos * c / connections;
            long[] slot = {Math.max(0, (System.nanoTime() - first) / periodNanos + 1)};
            channel.onFrame(frame -> {
                synchronized (due) {
                    Long dueAt = due.poll();
                    if (dueAt != null && dueAt > warmupEnds && dueAt <= ends) {
                        latency.recordValue((System.nanoTime() - dueAt) / 1000);
                    }
                    if (!due.isEmpty()) {
                        channel.send(NAVIGATION[step.getAndIncrement() % NAVIGATION.length]);
                    }
                }
            });
            long firstSlot = first + slot[0] * periodNanos;
            ticks.scheduleAtFixedRate(() -> {
                synchronized (due) {
                    due.add(first + slot[0]++ * periodNanos); // the slot, even when this tick runs late
                    if (due.size() == 1) {
                        channel.send(NAVIGATION[step.getAndIncrement() % NAVIGATION.length]);
                    }
                }
            }, firstSlot - System.nanoTime(), periodNanos, TimeUnit.NANOSECONDS);
        }
        sleepUntil(warmupEnds);
        CpuShare.Sample before = cpu.sample();
        marker("PHASE open");
        sleepUntil(ends);
        CpuShare.Sample after = cpu.sample();
        marker("PHASE-END open");
        ticks.shutdownNow();
        Thread.sleep(200); // the last answers
        channels.forEach(Channel::close);
        return new Result(rate, latency, CpuShare.perMessage(before, after, rate * duration.toSeconds()));
    }

    /** A new session each time: from sending consult to receiving its menu. */
    private Histogram consultLatency(int sessions) throws Exception {
        Histogram latency = new Histogram(3);
        for (int i = 0; i < sessions; i++) {
            Channel channel = Channel.open(http, URI.create(base + "/ws/v1/consultation"));
            CountDownLatch menu = new CountDownLatch(1);
            channel.onFrame(frame -> {
                if (frame.contains("\"type\":\"menu\"")) {
                    menu.countDown();
                }
            });
            long start = System.nanoTime();
            channel.send(consult);
            if (!menu.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no menu within 10 s");
            }
            latency.recordValue((System.nanoTime() - start) / 1000);
            channel.send("{\"type\":\"end\"}");
            channel.close();
        }
        return latency;
    }

    /** Opens {@code count} sessions and keeps them all open; returns how many got their menu. */
    private int holdIdle(int count) throws Exception {
        List<Channel> channels = new ArrayList<>();
        CountDownLatch menus = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Channel channel = Channel.open(http, URI.create(base + "/ws/v1/consultation"));
            channel.onFrame(frame -> {
                if (frame.contains("\"type\":\"menu\"")) {
                    menus.countDown();
                }
            });
            channel.send(consult);
            channels.add(channel);
        }
        menus.await(120, TimeUnit.SECONDS);
        int held = (int) (count - menus.getCount());
        System.out.println("IDLE_HELD " + held);
        System.out.flush();
        Thread.sleep(Long.getLong("dataivr.bench.hold-ms", 5_000));
        channels.forEach(Channel::close);
        return held;
    }

    /** One session's answers to one round of {@link #NAVIGATION}: the sizes the echo frames copy. */
    private EchoFrames navigationSizedFrames() throws Exception {
        Channel channel = Channel.open(http, URI.create(base + "/ws/v1/consultation"));
        openSession(channel);
        List<String> answers = new ArrayList<>();
        for (String request : NAVIGATION) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            channel.onFrame(answer::complete);
            channel.send(request);
            answers.add(answer.get(10, TimeUnit.SECONDS));
        }
        channel.send("{\"type\":\"end\"}");
        channel.close();
        return EchoFrames.like(List.of(NAVIGATION), answers);
    }

    private void openSession(Channel channel) throws InterruptedException {
        CountDownLatch menu = new CountDownLatch(1);
        channel.onFrame(frame -> {
            if (frame.contains("\"type\":\"menu\"")) {
                menu.countDown();
            }
        });
        channel.send(consult);
        if (!menu.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the adapter did not answer consult within 10 s");
        }
    }
}
