package io.dataivr.sdk.sip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A baresip user agent driven through its ctrl_tcp module (JSON in netstrings): register a device
 * account, dial, answer, hang up, and the events it reports (REGISTER_OK, CALL_RINGING,
 * CALL_ESTABLISHED, CALL_CLOSED …). ctrl_tcp's answers to {@code uanew} echo the account line, password
 * included: they are never printed.
 */
public final class BaresipPhone implements SipPhone, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NETSTRING = 1 << 20;
    private static final String REGISTER_OK = "REGISTER_OK";
    private static final String REGISTER_FAIL = "REGISTER_FAIL";
    /** Re-registration interval of a device account (s); Asterisk's ps_aors allow 30-600. */
    private static final int REGISTER_INTERVAL_SECONDS = 300;

    private final Socket socket;
    private final OutputStream out;
    private final List<JsonNode> events = new ArrayList<>();
    /** How many events of each type {@link #events} holds (guarded by it). */
    private final Map<String, Integer> eventCounts = new HashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> responses = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final Thread reader;
    private volatile Exception failure;
    private SipAccount registered;
    private Duration registerTimeout = Duration.ofSeconds(15);

    private BaresipPhone(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        this.reader = new Thread(() -> readLoop(in), "baresip-ctrl-" + socket.getPort());
        reader.setDaemon(true);
        reader.start();
    }

    public static BaresipPhone connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true); // commands are small and each is waited for: send at once
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        return new BaresipPhone(socket);
    }

    /**
     * Adds the device account as a user agent ({@code uanew}), waits for baresip's REGISTER_OK for
     * it, and makes it the current one ({@code uafind}), so that the next {@link #dial} calls from it.
     * A device account registered before by this object is deleted first ({@code uadel}).
     */
    @Override
    public synchronized void register(SipAccount account) {
        if (account.equals(registered)) {
            return;
        }
        requireSafe(account.username, "username");
        requireSafe(account.password, "password");
        requireSafe(account.domain, "domain");
        if (account.registrar != null) {
            requireSafe(account.registrar, "registrar");
        }
        unregister();
        int before = events().size();
        StringBuilder line = new StringBuilder("<").append(account.aor()).append(">;auth_user=")
                .append(account.username).append(";auth_pass=").append(account.password)
                .append(";answermode=manual;regint=").append(REGISTER_INTERVAL_SECONDS)
                .append(";mwi=no;call_transfer=no");
        if (account.registrar != null) {
            line.append(";outbound=\"").append(account.registrar).append('"');
        }
        await(command("uanew", line.toString()), "uanew " + account);
        JsonNode outcome;
        try {
            outcome = awaitEventAfter(before, e -> account.aor().equals(e.path("accountaor").asText())
                    && (REGISTER_OK.equals(e.path("type").asText()) || REGISTER_FAIL.equals(e.path("type").asText())),
                    registerTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering " + account, e);
        }
        if (!REGISTER_OK.equals(outcome.path("type").asText())) {
            throw new IllegalStateException("the registrar refused " + account + ": " + outcome.path("param").asText());
        }
        await(command("uafind", account.aor()), "uafind " + account.aor());
        registered = account;
    }

    /**
     * Deletes the user agent of the device account registered last ({@code uadel AOR}; baresip
     * unregisters it on the way out). The account is forgotten even when baresip does not confirm it
     * (baresip 1.0.0 once answered a uadel with nothing, having logged "error processing command (No such
     * file or directory)"): the next {@link #register} then adds its account instead of asking for the
     * same deletion again.
     */
    @Override
    public synchronized void unregister() {
        if (registered != null) {
            String aor = registered.aor();
            registered = null;
            await(command("uadel", aor), "uadel");
        }
    }

    /** The device account this phone registered last through {@link #register}, or null. */
    public synchronized SipAccount registeredAccount() {
        return registered;
    }

    /** How long {@link #register} waits for the registrar's answer (default 15 s). */
    public BaresipPhone registerTimeout(Duration timeout) {
        this.registerTimeout = timeout;
        return this;
    }

    private static void requireSafe(String value, String what) {
        for (char c : value.toCharArray()) {
            if (c <= ' ' || c == ';' || c == '<' || c == '>' || c == '"' || c == ',') {
                throw new IllegalArgumentException("the SIP account's " + what + " has a character baresip's "
                        + "account line cannot carry");
            }
        }
    }

    private JsonNode await(CompletableFuture<JsonNode> response, String what) {
        try {
            JsonNode answer = response.get(registerTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!answer.path("ok").asBoolean(true)) {
                throw new IllegalStateException("baresip refused " + what.split(" ")[0] + ": "
                        + answer.path("data").asText());
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("baresip did not answer " + what.split(" ")[0] + ": " + e, e);
        }
    }

    @Override
    public void dial(String uri) {
        command("dial", uri);
    }

    public void answer() {
        command("accept", null);
    }

    @Override
    public void hangup() {
        command("hangup", null);
    }

    /** Sends any ctrl_tcp command (see baresip's menu module); the future completes with its response. */
    public CompletableFuture<JsonNode> command(String command, String params) {
        String token = "t" + tokens.incrementAndGet();
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        responses.put(token, response);
        ObjectNode message = JSON.createObjectNode().put("command", command).put("token", token);
        if (params != null) {
            message.put("params", params);
        }
        byte[] body = message.toString().getBytes(StandardCharsets.UTF_8);
        byte[] length = (body.length + ":").getBytes(StandardCharsets.US_ASCII);
        // One write, one TCP segment: written in three pieces, the last two waited for the first's
        // delayed ACK (Nagle), some 40 ms per command.
        byte[] netstring = new byte[length.length + body.length + 1];
        System.arraycopy(length, 0, netstring, 0, length.length);
        System.arraycopy(body, 0, netstring, length.length, body.length);
        netstring[netstring.length - 1] = ',';
        try {
            synchronized (out) {
                out.write(netstring);
                out.flush();
            }
        } catch (IOException e) {
            responses.remove(token);
            throw new IllegalStateException("baresip ctrl_tcp connection failed: " + e.getMessage(), e);
        }
        return response;
    }

    /** True when the phone's account is registered now (asks baresip, does not rely on past events). */
    public boolean registered(Duration timeout) {
        try {
            JsonNode response = command("reginfo", null).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return response.path("data").asText().contains("OK ");
        } catch (Exception e) {
            return false;
        }
    }

    /** Events seen so far ({@code "event": true} messages), oldest first. */
    public List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public boolean hasEvent(String type) {
        return eventCount(type) > 0;
    }

    /**
     * How many events of {@code type} were seen so far: for a caller that polls, without copying or reading
     * every event as {@link #events()} does (a long-running phone keeps thousands).
     */
    public int eventCount(String type) {
        synchronized (events) {
            return eventCounts.getOrDefault(type, 0);
        }
    }

    /** Waits until an event matching {@code wanted} was seen (counting those already seen). */
    public JsonNode awaitEvent(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (JsonNode event : events) {
                    if (wanted.test(event)) {
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !reader.isAlive()) {
                    throw new IllegalStateException("no such baresip event within " + timeout + "; seen: " + events
                            + (failure != null ? "; ctrl_tcp failed: " + failure : ""));
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Like {@link #awaitEvent(Predicate, Duration)}, counting only events after the first {@code from}. */
    public JsonNode awaitEventAfter(int from, Predicate<JsonNode> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (int i = from; i < events.size(); i++) {
                    if (wanted.test(events.get(i))) {
                        return events.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !reader.isAlive()) {
                    throw new IllegalStateException("no such baresip event within " + timeout + "; seen since: "
                            + events.subList(Math.min(from, events.size()), events.size())
                            + (failure != null ? "; ctrl_tcp failed: " + failure : ""));
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public JsonNode awaitEvent(String type, Duration timeout) throws InterruptedException {
        return awaitEvent(e -> type.equals(e.path("type").asText()), timeout);
    }

    private void readLoop(InputStream in) {
        try {
            while (true) {
                JsonNode message = JSON.readTree(readNetstring(in));
                if (message.path("response").asBoolean(false)) {
                    CompletableFuture<JsonNode> waiting = responses.remove(message.path("token").asText());
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                } else if (message.path("event").asBoolean(false)) {
                    synchronized (events) {
                        events.add(message);
                        eventCounts.merge(message.path("type").asText(), 1, Integer::sum);
                        events.notifyAll();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            responses.values().forEach(r -> r.completeExceptionally(e));
            synchronized (events) {
                events.notifyAll();
            }
        }
    }

    private static byte[] readNetstring(InputStream in) throws IOException {
        int length = 0;
        int digits = 0;
        for (int c = in.read(); c != ':'; c = in.read()) {
            if (c < '0' || c > '9' || ++digits > 8) {
                throw new IOException(c < 0 ? "closed" : "bad netstring length");
            }
            length = length * 10 + (c - '0');
        }
        if (length > MAX_NETSTRING) {
            throw new IOException("netstring too long: " + length);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(length);
        byte[] chunk = in.readNBytes(length);
        if (chunk.length < length) {
            throw new EOFException("netstring cut short");
        }
        body.write(chunk);
        if (in.read() != ',') {
            throw new IOException("netstring not terminated by ','");
        }
        return body.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
