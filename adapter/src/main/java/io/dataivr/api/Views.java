package io.dataivr.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataivr.session.CallState;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.MenuLevel;
import io.dataivr.session.SessionEndRecord;
import io.dataivr.session.device.SipAccount;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The IP channel's messages from server to app (docs/protocol.md), the same records over WebSocket
 * and REST. Each has a {@code type}.
 */
public final class Views {

    private Views() {
    }

    public sealed interface Message permits SessionView, MenuView, ContentView, VoiceView, CallView, EndedView,
            ErrorView {
        String type();
    }

    /**
     * {@code resumeToken} only in the answer to consult; {@code resumed} only in the answer to resume;
     * {@code sip} only in the answer to a consult that asked for the device account ahead.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionView(String type, String session, String menu, int version, String language,
            String resumeToken, Boolean resumed, SipAccountView sip) implements Message {
        public static SessionView of(ConsultationSession session) {
            return of(session, null, null);
        }

        public static SessionView of(ConsultationSession session, String resumeToken, Boolean resumed) {
            return of(session, resumeToken, resumed, null);
        }

        /** {@code account}: the device account given ahead (consult with {@code sipAccount}), or null. */
        public static SessionView of(ConsultationSession session, String resumeToken, Boolean resumed,
                SipAccount account) {
            return new SessionView("session", session.id().toString(), session.menu().id(), session.menu().version(),
                    session.language(), resumeToken, resumed, SipAccountView.of(account));
        }
    }

    public record MenuItemView(String key, String label, String kind) {
    }

    public record MenuView(String type, String menu, int version, String language, List<String> path, String title,
            List<MenuItemView> items) implements Message {
        public static MenuView of(MenuLevel level) {
            return new MenuView("menu", level.menuId(), level.version(), level.language(), level.path(), level.title(),
                    level.items().stream().map(i -> new MenuItemView(i.key(), i.label(), i.kind())).toList());
        }
    }

    public record ContentView(String type, String key, List<String> path, String language, String text)
            implements Message {
        public static ContentView of(ChoiceOutcome.ContentShown content) {
            return new ContentView("content", content.key(), content.path(), content.language(), content.text());
        }
    }

    /**
     * The device's own SIP account: register with it, then dial {@code dial}. {@code wsUrl}: a browser's
     * (device {@code webrtc}) SIP WebSocket, absent for SIP apps.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SipAccountView(String username, String password, String domain, String registrar,
            String expires, String wsUrl) {
        static SipAccountView of(SipAccount account) {
            return account == null ? null : new SipAccountView(account.username(), account.password(),
                    account.domain(), account.registrar(), account.expiresAt().toString(), account.websocketUrl());
        }
    }

    public record VoiceView(String type, String request, String queue, String dial, SipAccountView sip)
            implements Message {
        public static VoiceView of(ChoiceOutcome.VoiceRequested voice) {
            return new VoiceView("voice", voice.request().id(), voice.request().queue(), voice.dialUri(),
                    SipAccountView.of(voice.account()));
        }
    }

    /**
     * A transition of the call state machine (docs/protocol.md, "Call states"). {@code queued} always has
     * {@code estimatedWaitSeconds}: a number, or null with {@code reason} saying why; {@code ended} has
     * {@code endedBy} and {@code reason}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallView(String type, String state, String request, String agent, Integer position,
            Optional<Integer> estimatedWaitSeconds, String endedBy, String reason) implements Message {

        public static CallView of(CallState state) {
            if (state instanceof CallState.Requested r) {
                return new CallView("call", r.name(), r.request().id(), null, null, null, null, null);
            }
            if (state instanceof CallState.Queued q) {
                return new CallView("call", q.name(), q.request().id(), null, q.position() > 0 ? q.position() : null,
                        Optional.ofNullable(q.estimatedWaitSeconds()), null,
                        q.noEstimate() == null ? null : q.noEstimate().name());
            }
            if (state instanceof CallState.Ringing r) {
                return new CallView("call", r.name(), r.request().id(), r.agent(), null, null, null, null);
            }
            if (state instanceof CallState.Talking t) {
                return new CallView("call", t.name(), t.request().id(), t.agent(), null, null, null, null);
            }
            if (state instanceof CallState.Ended e) {
                return new CallView("call", e.name(), e.request().id(), null, null, null,
                        e.end().by().name().toLowerCase(Locale.ROOT), e.end().reason().name());
            }
            return new CallView("call", "ended", null, null, null, null, null, null);
        }
    }

    public record EndedView(String type, String session, String reason, int itemsChosen, int contentsSent,
            int voiceCalls) implements Message {
        public static EndedView of(SessionEndRecord record) {
            return new EndedView("ended", record.sessionId().toString(), record.reason(), record.itemsChosen(),
                    record.contentsSent(), record.voiceCalls());
        }
    }

    public record ErrorView(String type, String code, String message) implements Message {
        public static ErrorView of(String code, String message) {
            return new ErrorView("error", code, message);
        }
    }

    /** The message that answers a choice. */
    public static Message of(ChoiceOutcome outcome) {
        if (outcome instanceof ChoiceOutcome.LevelShown level) {
            return MenuView.of(level.level());
        }
        if (outcome instanceof ChoiceOutcome.ContentShown content) {
            return ContentView.of(content);
        }
        return VoiceView.of((ChoiceOutcome.VoiceRequested) outcome);
    }
}
