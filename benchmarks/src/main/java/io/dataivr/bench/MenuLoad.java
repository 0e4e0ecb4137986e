package io.dataivr.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The IP channel under load, against a ceiling measured in the same run: N WebSocket sessions
 * navigate the demo menu (choose 2 → menu, back → menu, choose 1 → content, …) as fast as answers
 * come, and the same N connections ping the server's echo endpoint. Then an open-loop run at half
 * the measured maximum, consult→menu latency, and N idle sessions held open.
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

    private MenuLoad(String base, String token) {
        this.base = base;
        this.consult = token == null || token.isEmpty() ? "{\"type\":\"consult\",\"language\":\"zh-CN\"}"
                : "{\"type\":\"consult\",\"language\":\"zh-CN\",\"token\":\"" + token + "\"}";
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "ws://127.0.0.1:18080";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int idle = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        String token = args.length > 4 ? args[4] : null;
        MenuLoad load = new MenuLoad(base, token);
        Duration duration = Duration.ofSeconds(seconds);

        Result echo = load.closedLoop("/ws/v1/echo", connections, duration, false);
        Result menu = load.closedLoop("/ws/v1/consultation", connections, duration, true);
        double halfRate = menu.perSecond / 2;
        Result open = load.openLoop(connections, duration, halfRate);
        Histogram consultLatency = load.consultLatency(500);
        int held = idle > 0 ? load.holdIdle(idle) : 0;

        System.out.printf(Locale.ROOT, "| measure | value |%n|---|---|%n");
        System.out.printf(Locale.ROOT, "| echo ceiling, %d connections, closed loop | %.0f msg/s (p50 %.2f ms, p99 %.2f ms) |%n",
                connections, echo.perSecond, ms(echo.latency, 50), ms(echo.latency, 99));
        System.out.printf(Locale.ROOT, "| menu navigation, %d sessions, closed loop | %.0f msg/s = %.2f × echo (p50 %.2f ms, p99 %.2f ms) |%n",
                connections, menu.perSecond, menu.perSecond / echo.perSecond, ms(menu.latency, 50), ms(menu.latency, 99));
        System.out.printf(Locale.ROOT, "| menu navigation at half the maximum (%.0f msg/s, open loop) | p50 %.2f ms, p99 %.2f ms, max %.2f ms |%n",
                halfRate, ms(open.latency, 50), ms(open.latency, 99), open.latency.getMaxValue() / 1000.0);
        System.out.printf(Locale.ROOT, "| consult → menu received (500 new sessions) | p50 %.2f ms, p99 %.2f ms |%n",
                ms(consultLatency, 50), ms(consultLatency, 99));
        if (idle > 0) {
            System.out.printf(Locale.ROOT, "| idle sessions held open at once | %d of %d |%n", held, idle);
        }
        System.out.printf("%ncommand: bench/menu-load.sh %d %d %d%n", connections, seconds, idle);
        System.exit(0);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private record Result(double perSecond, Histogram latency) {
    }

    /** Every connection sends its next message as soon as the answer to the last one arrived. */
    private Result closedLoop(String path, int connections, Duration duration, boolean menu) throws Exception {
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
                channel.send(menu ? NAVIGATION[step.getAndIncrement() % NAVIGATION.length]
                        : "{\"type\":\"ping\",\"n\":" + step.getAndIncrement() + "}");
            });
            sentAt[0] = System.nanoTime();
            channel.send(menu ? NAVIGATION[0] : "{\"type\":\"ping\",\"n\":0}");
            if (menu) {
                step.set(1);
            }
        }
        finished.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
        channels.forEach(Channel::close);
        return new Result(answered.get() / (double) duration.toSeconds(), latency);
    }

    /** Sends at a fixed total rate; latency counts from when a message was due, not when it left. */
    private Result openLoop(int connections, Duration duration, double rate) throws Exception {
        Histogram latency = new ConcurrentHistogram(3);
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
        long periodNanos = (long) (connections * 1e9 / rate);
        List<Channel> channels = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Channel channel = Channel.open(http, URI.create(base + "/ws/v1/consultation"));
            openSession(channel);
            channels.add(channel);
            ArrayDeque<Long> due = new ArrayDeque<>();
            AtomicInteger step = new AtomicInteger();
            channel.onFrame(frame -> {
                synchronized (due) {
                    Long dueAt = due.poll();
                    if (dueAt != null) {
                        latency.recordValue((System.nanoTime() - dueAt) / 1000);
                    }
                    if (!due.isEmpty()) {
                        channel.send(NAVIGATION[step.getAndIncrement() % NAVIGATION.length]);
                    }
                }
            });
            ticks.scheduleAtFixedRate(() -> {
                synchronized (due) {
                    due.add(System.nanoTime());
                    if (due.size() == 1) {
                        channel.send(NAVIGATION[step.getAndIncrement() % NAVIGATION.length]);
                    }
                }
            }, periodNanos * c / connections, periodNanos, TimeUnit.NANOSECONDS);
        }
        Thread.sleep(duration.toMillis());
        ticks.shutdownNow();
        channels.forEach(Channel::close);
        return new Result(rate, latency);
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
