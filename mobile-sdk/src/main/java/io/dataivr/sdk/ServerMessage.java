package io.dataivr.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A message from the DataIVR server (docs/protocol.md); {@link #raw()} keeps the JSON as received. */
public abstract class ServerMessage {

    private final String raw;

    ServerMessage(String raw) {
        this.raw = raw;
    }

    public String raw() {
        return raw;
    }

    public abstract String type();

    static ServerMessage decode(JsonNode node, String raw) {
        String type = node.path("type").asText("");
        switch (type) {
            case "session":
                return new Session(raw, node.path("session").asText(), node.path("menu").asText(),
                        node.path("version").asInt(), node.path("language").asText(),
                        node.path("resumeToken").asText(null), node.path("resumed").asBoolean(false),
                        sipAccount(node.path("sip")));
            case "menu":
                return new Menu(raw, node.path("menu").asText(), node.path("version").asInt(),
                        node.path("language").asText(), strings(node.path("path")), node.path("title").asText(),
                        items(node.path("items")));
            case "content":
                return new Content(raw, node.path("key").asText(), strings(node.path("path")),
                        node.path("language").asText(), node.path("text").asText());
            case "voice":
                JsonNode sip = node.path("sip");
                return new Voice(raw, node.path("request").asText(), node.path("queue").asText(),
                        node.path("dial").asText(), sip.path("username").asText(null),
                        sip.path("password").asText(null), sip.path("domain").asText(null),
                        sip.path("registrar").asText(null));
            case "call":
                return new Call(raw, node.path("state").asText(), node.path("request").asText(null),
                        node.path("agent").asText(null), node.path("position").asInt(0),
                        node.path("estimatedWaitSeconds").isInt() ? node.path("estimatedWaitSeconds").asInt() : null,
                        node.path("endedBy").asText(null), node.path("reason").asText(null));
            case "ended":
                return new Ended(raw, node.path("session").asText(), node.path("reason").asText(),
                        node.path("itemsChosen").asInt(), node.path("contentsSent").asInt(),
                        node.path("voiceCalls").asInt());
            case "error":
                return new Error(raw, node.path("code").asText(), node.path("message").asText());
            default:
                return new Unknown(raw, type);
        }
    }

    private static io.dataivr.sdk.sip.SipAccount sipAccount(JsonNode sip) {
        String username = sip.path("username").asText(null);
        String password = sip.path("password").asText(null);
        String domain = sip.path("domain").asText(null);
        if (username == null || password == null || domain == null) {
            return null;
        }
        return new io.dataivr.sdk.sip.SipAccount(username, password, domain, sip.path("registrar").asText(null));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return Collections.unmodifiableList(values);
    }

    private static List<MenuEntry> items(JsonNode array) {
        List<MenuEntry> values = new ArrayList<>();
        array.forEach(v -> values.add(new MenuEntry(v.path("key").asText(), v.path("label").asText(),
                v.path("kind").asText())));
        return Collections.unmodifiableList(values);
    }

    /** One option of a menu level; kind is "content", "menu" or "voice". */
    public static final class MenuEntry {
        public final String key;
        public final String label;
        public final String kind;

        public MenuEntry(String key, String label, String kind) {
            this.key = key;
            this.label = label;
            this.kind = kind;
        }
    }

    public static final class Session extends ServerMessage {
        public final String session;
        public final String menu;
        public final int version;
        public final String language;
        /** The token that resumes this session on a new connection; only in the answer to consult. */
        public final String resumeToken;
        /** True in the answer to resume. */
        public final boolean resumed;
        /**
         * The device's SIP account, given ahead when the consult asked for it ({@link ClientOptions#sipPhone}
         * does) and the menu has a voice item: register it now, so a voice request only dials. Null otherwise.
         */
        public final io.dataivr.sdk.sip.SipAccount sipAccount;

        Session(String raw, String session, String menu, int version, String language, String resumeToken,
                boolean resumed, io.dataivr.sdk.sip.SipAccount sipAccount) {
            super(raw);
            this.session = session;
            this.menu = menu;
            this.version = version;
            this.language = language;
            this.resumeToken = resumeToken;
            this.resumed = resumed;
            this.sipAccount = sipAccount;
        }

        @Override
        public String type() {
            return "session";
        }
    }

    public static final class Menu extends ServerMessage {
        public final String menu;
        public final int version;
        public final String language;
        public final List<String> path;
        public final String title;
        public final List<MenuEntry> items;

        public Menu(String raw, String menu, int version, String language, List<String> path, String title,
                List<MenuEntry> items) {
            super(raw);
            this.menu = menu;
            this.version = version;
            this.language = language;
            this.path = path;
            this.title = title;
            this.items = items;
        }

        @Override
        public String type() {
            return "menu";
        }
    }

    public static final class Content extends ServerMessage {
        public final String key;
        public final List<String> path;
        public final String language;
        /** Plain text: never interpret it as markup. */
        public final String text;

        Content(String raw, String key, List<String> path, String language, String text) {
            super(raw);
            this.key = key;
            this.path = path;
            this.language = language;
            this.text = text;
        }

        @Override
        public String type() {
            return "content";
        }
    }

    /** The server asks the app's SIP phone to dial {@link #dial}; the call is linked to {@link #request}. */
    public static final class Voice extends ServerMessage {
        public final String request;
        public final String queue;
        public final String dial;
        /**
         * The device's own SIP account (docs/protocol.md, "The device's SIP account"): register
         * as {@code sipUsername@sipDomain} at {@code sipRegistrar}, then dial {@link #dial}. Null
         * when the server sent none.
         */
        public final String sipUsername;
        public final String sipPassword;
        public final String sipDomain;
        public final String sipRegistrar;

        Voice(String raw, String request, String queue, String dial, String sipUsername, String sipPassword,
                String sipDomain, String sipRegistrar) {
            super(raw);
            this.request = request;
            this.queue = queue;
            this.dial = dial;
            this.sipUsername = sipUsername;
            this.sipPassword = sipPassword;
            this.sipDomain = sipDomain;
            this.sipRegistrar = sipRegistrar;
        }

        /** The device account to register with before dialling, or null when the server sent none. */
        public io.dataivr.sdk.sip.SipAccount sipAccount() {
            if (sipUsername == null || sipPassword == null || sipDomain == null) {
                return null;
            }
            return new io.dataivr.sdk.sip.SipAccount(sipUsername, sipPassword, sipDomain, sipRegistrar);
        }

        @Override
        public String type() {
            return "voice";
        }
    }

    /** The call's state: requested, queued, ringing, talking or ended. */
    /**
     * A transition of the call (docs/protocol.md, "Call states"). While {@code queued}:
     * {@code estimatedWaitSeconds}, or null with {@code reason} saying why (e.g. NO_AGENT_AVAILABLE).
     * When {@code ended}: {@code endedBy} (customer, agent, system) and {@code reason}.
     */
    public static final class Call extends ServerMessage {
        public final String state;
        public final String request;
        public final String agent;
        public final int position;
        public final Integer estimatedWaitSeconds;
        public final String endedBy;
        public final String reason;

        Call(String raw, String state, String request, String agent, int position, Integer estimatedWaitSeconds,
                String endedBy, String reason) {
            super(raw);
            this.state = state;
            this.request = request;
            this.agent = agent;
            this.position = position;
            this.estimatedWaitSeconds = estimatedWaitSeconds;
            this.endedBy = endedBy;
            this.reason = reason;
        }

        @Override
        public String type() {
            return "call";
        }
    }

    public static final class Ended extends ServerMessage {
        public final String session;
        public final String reason;
        public final int itemsChosen;
        public final int contentsSent;
        public final int voiceCalls;

        Ended(String raw, String session, String reason, int itemsChosen, int contentsSent, int voiceCalls) {
            super(raw);
            this.session = session;
            this.reason = reason;
            this.itemsChosen = itemsChosen;
            this.contentsSent = contentsSent;
            this.voiceCalls = voiceCalls;
        }

        @Override
        public String type() {
            return "ended";
        }
    }

    public static final class Error extends ServerMessage {
        public final String code;
        public final String message;

        Error(String raw, String code, String message) {
            super(raw);
            this.code = code;
            this.message = message;
        }

        @Override
        public String type() {
            return "error";
        }
    }

    /** A message type this SDK version does not know; newer servers may send them. */
    public static final class Unknown extends ServerMessage {
        private final String type;

        Unknown(String raw, String type) {
            super(raw);
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }
    }
}
