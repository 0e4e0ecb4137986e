package io.dataivr.sdk.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BaresipPhone.register against a scripted ctrl_tcp peer (the real baresip: WalkingSkeletonEndToEndTests). */
class BaresipPhoneTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SipAccount account = new SipAccount("dev-abc", "Secret123", "127.0.0.1", "sip:127.0.0.1:5060");
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void registerAddsTheAccountWaitsForItsRegistrationAndMakesItCurrentBeforeDialling() throws Exception {
        FakeBaresip baresip = new FakeBaresip("REGISTER_OK");
        try (BaresipPhone phone = BaresipPhone.connect("127.0.0.1", baresip.port(), Duration.ofSeconds(2))) {
            phone.register(account);
            phone.register(account); // the same account again: nothing to do
            phone.dial("sip:vr-1@127.0.0.1:5060");
            baresip.awaitCommands(3);
        }
        assertThat(baresip.commands).extracting(c -> c.path("command").asText())
                .containsExactly("uanew", "uafind", "dial");
        String line = baresip.commands.get(0).path("params").asText();
        assertThat(line).startsWith("<sip:dev-abc@127.0.0.1>;auth_user=dev-abc;auth_pass=Secret123;")
                .contains(";outbound=\"sip:127.0.0.1:5060\"");
        assertThat(baresip.commands.get(1).path("params").asText()).isEqualTo("sip:dev-abc@127.0.0.1");
        assertThat(account.toString()).doesNotContain("Secret123");
    }

    @Test
    void anotherAccountReplacesTheFirstAndUnregisterDropsIt() throws Exception {
        FakeBaresip baresip = new FakeBaresip("REGISTER_OK");
        try (BaresipPhone phone = BaresipPhone.connect("127.0.0.1", baresip.port(), Duration.ofSeconds(2))) {
            phone.register(account);
            phone.unregister();
            assertThat(phone.registeredAccount()).isNull();
            phone.unregister(); // nothing registered: nothing sent
            baresip.awaitCommands(3);
        }
        assertThat(baresip.commands).extracting(c -> c.path("command").asText() + " " + c.path("params").asText(""))
                .containsExactly("uanew " + baresip.commands.get(0).path("params").asText(), "uafind sip:dev-abc@127.0.0.1",
                        "uadel sip:dev-abc@127.0.0.1");
    }

    @Test
    void aRefusedRegistrationFailsWithoutShowingThePassword() throws Exception {
        FakeBaresip baresip = new FakeBaresip("REGISTER_FAIL");
        try (BaresipPhone phone = BaresipPhone.connect("127.0.0.1", baresip.port(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> phone.register(account)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("refused").hasMessageNotContaining("Secret123");
            assertThat(phone.registeredAccount()).isNull();
        }
    }

    @Test
    void anAccountThatWouldBreakBaresipsAccountLineIsRefusedBeforeAnythingIsSent() throws Exception {
        FakeBaresip baresip = new FakeBaresip("REGISTER_OK");
        try (BaresipPhone phone = BaresipPhone.connect("127.0.0.1", baresip.port(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> phone.register(new SipAccount("dev-x", "a;b", "127.0.0.1", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("a;b");
        }
        assertThat(baresip.commands).isEmpty();
    }

    @Test
    void commandsInARowDoNotWaitForDelayedAcknowledgements() throws Exception {
        // A command written in pieces waits for the peer's delayed ACK of the first (Nagle's algorithm),
        // ~40 ms on Linux, once the connection is out of TCP's quick-ACK start: registering and dialling
        // (uanew, uafind, dial) then cost the app's tap over 100 ms before its phone sent anything.
        FakeBaresip baresip = new FakeBaresip("REGISTER_OK");
        try (BaresipPhone phone = BaresipPhone.connect("127.0.0.1", baresip.port(), Duration.ofSeconds(2))) {
            for (int i = 0; i < 50; i++) {
                phone.command("reginfo", null).get(2, TimeUnit.SECONDS); // past the quick-ACK start
            }
            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                phone.command("reginfo", null).get(2, TimeUnit.SECONDS);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).as("20 commands answered at once, one after another (ms)").isLessThan(200);
        }
    }

    @Test
    void anAccountWhoseDeletionBaresipNeverConfirmsIsForgottenSoTheNextOneIsAdded() throws Exception {
        FakeBaresip baresip = new FakeBaresip("REGISTER_OK");
        baresip.answersUadel = false;
        try (BaresipPhone phone = BaresipPhone.connect("127.0.0.1", baresip.port(), Duration.ofSeconds(2))) {
            phone.register(account);
            phone.registerTimeout(Duration.ofMillis(300));
            assertThatThrownBy(phone::unregister).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("uadel");
            assertThat(phone.registeredAccount()).isNull();
            phone.register(account);
            baresip.awaitCommands(5);
        }
        assertThat(baresip.commands).extracting(c -> c.path("command").asText())
                .containsExactly("uanew", "uafind", "uadel", "uanew", "uafind");
    }

    @Test
    void eventCountsFollowTheEventsAsTheyArrive() throws Exception {
        FakeBaresip baresip = new FakeBaresip("REGISTER_OK");
        try (BaresipPhone phone = BaresipPhone.connect("127.0.0.1", baresip.port(), Duration.ofSeconds(2))) {
            assertThat(phone.eventCount("REGISTER_OK")).isZero();
            assertThat(phone.hasEvent("REGISTER_OK")).isFalse();
            phone.register(account);
            phone.unregister();
            phone.register(account); // added again: a second registration event
            assertThat(phone.eventCount("REGISTER_OK")).isEqualTo(2)
                    .isEqualTo((int) phone.events().stream()
                            .filter(e -> "REGISTER_OK".equals(e.path("type").asText())).count());
            assertThat(phone.hasEvent("REGISTER_OK")).isTrue();
            assertThat(phone.eventCount("CALL_INCOMING")).isZero();
        }
    }

    /** Answers every command ok; after uanew it reports {@code registration} for the account's AOR. */
    private final class FakeBaresip {
        final List<JsonNode> commands = new CopyOnWriteArrayList<>();
        final Semaphore received = new Semaphore(0);
        volatile boolean answersUadel = true;

        FakeBaresip(String registration) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(() -> serve(registration), "fake-baresip");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void awaitCommands(int count) throws InterruptedException {
            assertThat(received.tryAcquire(count, 5, TimeUnit.SECONDS)).as("%d commands received", count).isTrue();
        }

        private void serve(String registration) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (true) {
                    JsonNode command = JSON.readTree(readNetstring(in));
                    commands.add(command);
                    received.release();
                    if (!answersUadel && command.path("command").asText().equals("uadel")) {
                        continue;
                    }
                    write(out, "{\"response\":true,\"ok\":true,\"data\":\"\",\"token\":\""
                            + command.path("token").asText() + "\"}");
                    if (command.path("command").asText().equals("uanew")) {
                        write(out, "{\"event\":true,\"class\":\"register\",\"type\":\"" + registration
                                + "\",\"accountaor\":\"sip:dev-abc@127.0.0.1\",\"param\":\"403 Forbidden\"}");
                    }
                }
            } catch (IOException e) {
                // the phone closed the connection: the test is over
            }
        }

        private byte[] readNetstring(InputStream in) throws IOException {
            int length = 0;
            for (int c = in.read(); c != ':'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("closed");
                }
                length = length * 10 + (c - '0');
            }
            byte[] body = in.readNBytes(length);
            in.read(); // ','
            return body;
        }

        private void write(OutputStream out, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            frame.write(body);
            frame.write(',');
            out.write(frame.toByteArray());
            out.flush();
        }
    }
}
