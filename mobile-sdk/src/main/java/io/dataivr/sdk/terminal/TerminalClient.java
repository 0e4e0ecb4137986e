package io.dataivr.sdk.terminal;

import io.dataivr.sdk.ClientListener;
import io.dataivr.sdk.ClientOptions;
import io.dataivr.sdk.DataIvrClient;
import io.dataivr.sdk.MenuRenderer;
import io.dataivr.sdk.ServerMessage;
import io.dataivr.sdk.sip.BaresipPhone;
import io.dataivr.sdk.sip.SipAccount;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code dataivr client}: the SDK's terminal client. Interactive for people (type a key, b = back,
 * q = end), scriptable for tests ({@code --choose} keys in order, {@code --json} prints one JSON
 * object per server message on stdout). Exit codes: 0 done, 1 connection or timeout, 3 the server
 * answered consult or a choice with an error, 64 usage.
 */
public final class TerminalClient {

    static final String USAGE = """
            usage: dataivr client [options]
              --url URL          IP channel (default ws://127.0.0.1:8080/ws/v1/consultation)
              --menu ID          menu to consult (default: the server's)
              --lang TAG         language, e.g. zh-CN or en (default: the menu's first)
              --client REF       the app's own reference for this customer (demo mode, without --token)
              --token TOKEN      the customer token minted by the company's backend (docs/protocol.md);
                                 also read from $DATAIVR_TOKEN. Without it only a demo-mode server answers.
              --accept-language H  the Accept-Language header of the handshake (used without --lang)
              --no-reconnect     do not reconnect and resume when the connection drops
              --choose KEY       choose KEY, after the answer to the previous choice; repeatable.
                                 Without --choose the client is interactive.
              --sip-ctrl H:P     a baresip ctrl_tcp address: the app's SIP phone. When a voice item is
                                 chosen it registers with the device's own SIP account from the
                                 server's answer, then dials (docs/protocol.md)
              --stay             do not end the session after the last --choose
              --json             print each server message as one JSON object per line
              --timeout SECONDS  longest wait for any one answer or call (default 120)
            """;

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

    private TerminalClient(Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.in, out, err));
    }

    /** Runs the client with these arguments; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 64;
        }
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        return new TerminalClient(options, out, err).run(in);
    }

    private int run(InputStream in) {
        BaresipPhone phone = null;
        ClientOptions settings = new ClientOptions().acceptLanguage(options.acceptLanguage)
                .reconnect(options.reconnect);
        try {
            if (options.sipCtrlHost != null) {
                // Given to the client: it registers the device account as the session opens (ahead).
                phone = BaresipPhone.connect(options.sipCtrlHost, options.sipCtrlPort, Duration.ofSeconds(5));
                settings.sipPhone(phone);
            }
        } catch (Exception e) {
            err.println("failed: " + e);
            return 1;
        }
        try (DataIvrClient client = DataIvrClient.connect(options.url, new Inbox(), settings)) {
            client.opened().get(options.timeout.toMillis(), TimeUnit.MILLISECONDS);
            String token = options.token != null ? options.token : System.getenv("DATAIVR_TOKEN");
            client.consult(options.menu, options.language, options.client, token);
            if (await("menu", "error") instanceof ServerMessage.Error) {
                return 3;
            }
            int code = options.choices.isEmpty() ? interactive(client, phone, in) : scripted(client, phone);
            if (code == 0 && !options.stay) {
                client.end(phone); // the phone drops the device account before the server revokes it
                await("ended");
            }
            return code;
        } catch (Timeout e) {
            err.println("timed out: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("failed: " + e);
            return 1;
        } finally {
            if (phone != null) {
                try {
                    phone.unregister(); // not ended (--stay, a failure): drop the device account's user agent
                } catch (RuntimeException e) {
                    err.println("could not drop the SIP phone's device account: " + e.getMessage());
                }
                try {
                    phone.close();
                } catch (Exception ignored) {
                    // nothing left to do with it
                }
            }
        }
    }

    private int scripted(DataIvrClient client, BaresipPhone phone) throws InterruptedException {
        for (String key : options.choices) {
            client.choose(key);
            ServerMessage answer = await("menu", "content", "voice", "error");
            if (answer instanceof ServerMessage.Error) {
                return 3;
            }
            if (answer instanceof ServerMessage.Voice) {
                followCall((ServerMessage.Voice) answer, phone);
            }
        }
        return 0;
    }

    private int interactive(DataIvrClient client, BaresipPhone phone, InputStream in) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        err.print("> ");
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String input = line.trim();
            if (input.equals("q")) {
                return 0;
            }
            if (input.isEmpty()) {
                client.menu();
            } else if (input.equals("b")) {
                client.back();
            } else {
                client.choose(input);
            }
            ServerMessage answer = await("menu", "content", "voice", "error");
            if (answer instanceof ServerMessage.Voice) {
                followCall((ServerMessage.Voice) answer, phone);
            }
            err.print("> ");
        }
        return 0;
    }

    /**
     * Registers the app's SIP phone with the device account of the voice message (when the server
     * sent one), dials the voice request and waits until the call has ended.
     */
    private void followCall(ServerMessage.Voice voice, BaresipPhone phone) throws InterruptedException {
        if (phone == null) {
            if (!options.json) {
                out.println("(no SIP phone given with --sip-ctrl; a softphone should dial " + voice.dial + ")");
            }
            return;
        }
        SipAccount account = voice.sipAccount();
        if (account != null) {
            phone.register(account); // registered ahead as the session opened: nothing to do (or waits for it)
            err.println("SIP phone registered as " + account.aor());
        }
        phone.dial(voice.dial);
        while (true) {
            ServerMessage message = await("call");
            if ("ended".equals(((ServerMessage.Call) message).state)) {
                return;
            }
        }
    }

    private ServerMessage await(String... types) throws InterruptedException {
        long deadline = System.nanoTime() + options.timeout.toNanos();
        while (true) {
            Object next = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new Timeout("no " + String.join("/", types) + " message within " + options.timeout.toSeconds() + " s");
            }
            if (next instanceof Throwable) {
                throw new IllegalStateException("the IP channel closed", (Throwable) next);
            }
            ServerMessage message = (ServerMessage) next;
            for (String type : types) {
                if (type.equals(message.type())) {
                    return message;
                }
            }
        }
    }

    private void print(ServerMessage message) {
        synchronized (out) {
            if (options.json) {
                out.println(message.raw());
                return;
            }
            if (message instanceof ServerMessage.Menu) {
                out.print(MenuRenderer.render((ServerMessage.Menu) message));
            } else if (message instanceof ServerMessage.Content) {
                out.println(((ServerMessage.Content) message).text);
            } else if (message instanceof ServerMessage.Voice) {
                out.println("calling an agent of " + ((ServerMessage.Voice) message).queue + "…");
            } else if (message instanceof ServerMessage.Call) {
                ServerMessage.Call call = (ServerMessage.Call) message;
                out.println("call " + call.state + (call.agent != null ? " (" + call.agent + ")" : ""));
            } else if (message instanceof ServerMessage.Ended) {
                ServerMessage.Ended ended = (ServerMessage.Ended) message;
                out.println("session ended: " + ended.itemsChosen + " items, " + ended.contentsSent + " answers, "
                        + ended.voiceCalls + " calls");
            } else if (message instanceof ServerMessage.Error) {
                ServerMessage.Error error = (ServerMessage.Error) message;
                err.println("error " + error.code + ": " + error.message);
            }
        }
    }

    private final class Inbox implements ClientListener {
        @Override
        public void onMessage(ServerMessage message) {
            print(message);
            inbox.add(message);
        }

        @Override
        public void onReconnecting(int attempt, long delayMillis) {
            err.println("connection lost; reconnecting in " + delayMillis + " ms (attempt " + attempt + ")");
        }

        @Override
        public void onResumed(ServerMessage.Session session) {
            err.println("session " + session.session + " resumed");
        }

        @Override
        public void onClosed(Throwable cause) {
            inbox.add(cause != null ? cause : new IllegalStateException("closed by the server"));
        }
    }

    private static final class Timeout extends RuntimeException {
        Timeout(String message) {
            super(message);
        }
    }
}
