package io.dataivr.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * What an open consultation costs the adapter's process (its resident memory, heap and native), by the
 * client that opens it: Java's own WebSocket client, which offers no extension (the baseline), or OkHttp,
 * the SDK's client, which offers permessage-deflate as browsers do. Warms up with {@code WARM} sessions
 * opened and closed, takes the adapter's resident size after a full GC, holds {@code N} sessions open
 * (each consulted and shown its menu), takes it again, and prints one line:
 * {@code SOCKETS client=… n=… extensions=… rss_before_kb=… rss_after_kb=… per_session_kb=…}.
 *
 * <p>Arguments: the adapter's ws:// base, its pid, N, the client ({@code jdk} or {@code okhttp}).
 */
public final class SocketMemory {

    private static final int WARM = 200;
    private static final String CONSULT = "{\"type\":\"consult\",\"language\":\"zh-CN\"}";

    private SocketMemory() {
    }

    interface Opened extends AutoCloseable {
        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0] + "/ws/v1/consultation");
        long pid = Long.parseLong(args[1]);
        int n = Integer.parseInt(args[2]);
        String client = args[3];
        Set<String> extensions = ConcurrentHashMap.newKeySet();
        close(open(client, uri, WARM, extensions));
        Thread.sleep(2_000);
        long before = residentAfterGc(pid);
        List<Opened> held = open(client, uri, n, extensions);
        long after = residentAfterGc(pid);
        System.out.printf("SOCKETS client=%s n=%d extensions=%s rss_before_kb=%d rss_after_kb=%d per_session_kb=%.1f%n",
                client, n, extensions.isEmpty() ? "none" : String.join(",", extensions), before, after,
                (after - before) / (double) n);
        close(held);
        System.exit(0); // OkHttp's threads would keep the JVM alive
    }

    private static List<Opened> open(String client, URI uri, int n, Set<String> extensions) throws Exception {
        CountDownLatch menus = new CountDownLatch(n);
        List<Opened> opened = new ArrayList<>();
        if ("jdk".equals(client)) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < n; i++) {
                Channel channel = Channel.open(http, uri);
                AtomicInteger frames = new AtomicInteger();
                channel.onFrame(frame -> {
                    if (frames.incrementAndGet() == 2) { // the session, then its menu
                        menus.countDown();
                    }
                });
                channel.send(CONSULT);
                opened.add(channel::close);
            }
        } else if ("okhttp".equals(client)) {
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(n);
            dispatcher.setMaxRequestsPerHost(n);
            OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher).build();
            for (int i = 0; i < n; i++) {
                AtomicInteger frames = new AtomicInteger();
                WebSocket socket = http.newWebSocket(new Request.Builder().url(uri.toString()).build(),
                        new WebSocketListener() {
                            @Override
                            public void onOpen(WebSocket webSocket, Response response) {
                                String agreed = response.header("Sec-WebSocket-Extensions");
                                if (agreed != null) {
                                    extensions.add(agreed);
                                }
                            }

                            @Override
                            public void onMessage(WebSocket webSocket, String text) {
                                if (frames.incrementAndGet() == 2) {
                                    menus.countDown();
                                }
                            }

                            @Override
                            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                                System.err.println("a session failed: " + t);
                            }
                        });
                socket.send(CONSULT);
                opened.add(() -> socket.close(1000, "done"));
            }
        } else {
            throw new IllegalArgumentException("client must be jdk or okhttp, not " + client);
        }
        if (!menus.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(menus.getCount() + " of " + n + " sessions got no menu in 120 s");
        }
        return opened;
    }

    private static void close(List<Opened> opened) {
        opened.forEach(Opened::close);
    }

    private static long residentAfterGc(long pid) throws Exception {
        Process gc = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " GC.run failed");
        }
        Thread.sleep(1_000);
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }
}
