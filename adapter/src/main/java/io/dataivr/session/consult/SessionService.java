package io.dataivr.session.consult;

import io.dataivr.session.device.SipAccount;
import io.dataivr.menu.LocalizedText;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuItem;
import io.dataivr.menu.MenuService;
import io.dataivr.session.BrowsingStep;
import io.dataivr.session.CallEnd;
import io.dataivr.session.CallState;
import io.dataivr.session.ChoiceOutcome;
import io.dataivr.session.ConsultationSession;
import io.dataivr.session.MenuLevel;
import io.dataivr.session.SessionActivityListener;
import io.dataivr.session.SessionEndRecord;
import io.dataivr.session.SessionProperties;
import io.dataivr.session.SessionRegistry;
import io.dataivr.session.SessionStore;
import io.dataivr.session.TextRules;
import io.dataivr.session.call.VoiceCallService;
import io.dataivr.session.device.DeviceAccountService;
import io.dataivr.session.token.CustomerToken;
import io.dataivr.session.token.SessionTokens;
import io.dataivr.session.token.TokenRequired;
import io.dataivr.system.DomainException;
import io.dataivr.system.InvalidField;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Use cases of a consultation (steps 1, 2, 4, 5, 8): start, choose, back, end. */
public class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final MenuService menus;
    private final SessionRegistry registry;
    private final SessionStore store;
    private final VoiceCallService calls;
    private final DeviceAccountService devices;
    private final SessionActivityListener activity;
    private final SessionProperties properties;
    private final SessionTokens tokens;
    private final Clock clock;
    private final MenuLevels levels = new MenuLevels();

    public SessionService(MenuService menus, SessionRegistry registry, SessionStore store, VoiceCallService calls,
            SessionProperties properties, SessionTokens tokens, Clock clock) {
        this(menus, registry, store, calls, null, SessionActivityListener.all(java.util.List.of()), properties, tokens,
                clock);
    }

    /** @param devices the devices' own SIP accounts (null: none, in unit tests) */
    public SessionService(MenuService menus, SessionRegistry registry, SessionStore store, VoiceCallService calls,
            DeviceAccountService devices, SessionActivityListener activity, SessionProperties properties,
            SessionTokens tokens, Clock clock) {
        this.menus = menus;
        this.tokens = tokens;
        this.registry = registry;
        this.store = store;
        this.calls = calls;
        this.devices = devices;
        this.activity = activity;
        this.properties = properties;
        this.clock = clock;
    }

    /** Step 1-2 without a token (demo mode only). */
    public Started start(String menuId, String language, String clientRef) {
        return start(new ConsultRequest(menuId, language, null, null, clientRef));
    }

    /**
     * Step 1-2: checks the customer token (required unless in demo mode), opens a session on the menu
     * in service in the best language, and returns it with the top level. Everything that can refuse
     * the request (token signature and expiry, menu id, menu in service, fields) is checked before the
     * token is used up, so a refused request leaves the token valid for a corrected one.
     */
    public Started start(ConsultRequest request) {
        ClientFields.check(request);
        CustomerToken token = request.token() == null ? null : tokens.verify(request.token());
        String customer = token != null ? token.customer() : demoCustomer(request);
        String menuId = request.menu() == null ? properties.menu() : request.menu();
        ClientFields.checkMenuId(menuId);
        Menu menu = menus.published(menuId);
        String language = LanguageChoice.pick(request.language(), request.acceptLanguage(), menu.languages());
        if (token != null) {
            tokens.useUp(token);
        }
        ConsultationSession session = new ConsultationSession(UUID.randomUUID(), menu, language,
                customer, List.of(), new CallState.NoCall(), 0, 0, 0, clock.instant());
        store.started(session);
        if (devices != null) {
            devices.deviceOf(session.id(), request.device());
        }
        registry.put(session);
        log.info("session {} started on menu {} v{} in {} ({} device)", session.id(), menu.id(), menu.version(),
                session.language(), request.device().wire());
        SipAccount account = request.sipAccount() && devices != null && !menu.voiceQueues().isEmpty()
                ? devices.accountFor(session.id()) : null;
        return new Started(session, levels.of(menu, session.language(), List.of()), account);
    }

    /** The customer of a request without a token: the app's reference, in demo mode only. */
    private String demoCustomer(ConsultRequest request) {
        if (!properties.demo()) {
            throw new TokenRequired("consult needs a customer token (see docs/protocol.md)");
        }
        String client = request.client();
        if (client != null && (client.length() > 128 || !TextRules.storable(client))) {
            throw new InvalidField("client must be at most 128 characters of text");
        }
        return client;
    }

    /** Demo mode only: a customer token as the company's backend would mint it, valid 10 minutes. */
    public String demoToken(String customer) {
        if (!properties.demo()) {
            throw new DemoDisabled();
        }
        if (customer == null || customer.isEmpty() || customer.length() > 128 || !TextRules.storable(customer)) {
            throw new InvalidField("client must be 1-128 characters of text");
        }
        return tokens.mint(customer, java.time.Duration.ofMinutes(10));
    }

    public MenuLevel level(UUID sessionId) {
        ConsultationSession session = registry.get(sessionId);
        return levels.of(session.menu(), session.language(), session.path());
    }

    /** Steps 4-5: the customer chose {@code key} at the current level. */
    public ChoiceOutcome choose(UUID sessionId, String key) {
        return choose(sessionId, key, null);
    }

    /**
     * Steps 4-5, checked against the level the app was showing ({@code shownPath}, null = not
     * given): a choice made on a level the session has left is refused as STALE_CHOICE.
     */
    public ChoiceOutcome choose(UUID sessionId, String key, List<String> shownPath) {
        ClientFields.checkChoice(key, shownPath);
        ConsultationSession session = registry.get(sessionId);
        if (shownPath != null && !shownPath.equals(session.path())) {
            throw new StaleChoice(shownPath, session.path());
        }
        List<String> itemPath = append(session.path(), key);
        MenuItem item = session.menu().find(itemPath).orElseThrow(() -> new NoSuchItem(key, session.path()));
        if (item.kind() == MenuItem.Kind.VOICE && session.inCall()) {
            throw new VoiceCallInProgress();
        }
        Instant now = clock.instant();
        boolean content = item.kind() == MenuItem.Kind.CONTENT;
        ConsultationSession updated = registry.update(sessionId, s -> {
            ConsultationSession chosen = s.chose(content);
            return item.kind() == MenuItem.Kind.SUBMENU ? chosen.at(itemPath) : chosen;
        });
        String path = String.join("/", itemPath);
        String kind = kindName(item.kind());
        boolean duringCall = session.inVoiceCall();
        store.itemChosen(sessionId, updated.itemsChosen(), path, kind, now, duringCall);
        if (item.kind() == MenuItem.Kind.SUBMENU && updated.inCall()) {
            store.movedTo(sessionId, itemPath); // only a session with a call is restored after a restart
        }
        activity.chose(updated, new BrowsingStep(itemPath, labels(updated, itemPath), kind, duringCall, now));
        switch (item.kind()) {
            case SUBMENU:
                return new ChoiceOutcome.LevelShown(levels.of(updated.menu(), updated.language(), itemPath));
            case CONTENT:
                // the language of the text sent: the session's, or the default one it fell back to
                LocalizedText.Picked text = item.content().pick(updated.language(), updated.menu().defaultLanguage());
                return new ChoiceOutcome.ContentShown(key, itemPath, text.language(), text.text());
            default:
                return calls.request(updated, item.voiceQueue(), path);
        }
    }

    /** Claim 2: the transport calls this once the content has been sent. */
    public void contentSent(UUID sessionId, ChoiceOutcome.ContentShown content) {
        store.contentDelivered(sessionId, String.join("/", content.path()), content.language(),
                content.text().length(), clock.instant());
    }

    public MenuLevel back(UUID sessionId) {
        ConsultationSession session = registry.update(sessionId, s -> {
            if (s.path().isEmpty()) {
                throw new AlreadyAtTop();
            }
            return s.at(s.path().subList(0, s.path().size() - 1));
        });
        if (session.inCall()) {
            store.movedTo(sessionId, session.path());
        }
        activity.movedBack(session);
        return levels.of(session.menu(), session.language(), session.path());
    }

    /**
     * The app of a session restored after a restart (without its app) is back: the session no longer
     * ends with its call, it goes on at its menu level as any other.
     */
    public void appReturned(UUID sessionId) {
        calls.appReturned(sessionId);
    }

    /** The customer hangs up its call or gives up waiting; the session stays at its menu level. */
    public void hangUp(UUID sessionId) {
        calls.hangUp(sessionId);
    }

    /** Step 8: ends the session and stores what it used. */
    public SessionEndRecord end(UUID sessionId, String reason) {
        hangUpCallOf(sessionId, reason);
        ConsultationSession session = registry.remove(sessionId);
        if (devices != null) {
            devices.revoke(sessionId, "session " + reason);
        }
        activity.ended(sessionId);
        SessionEndRecord record = new SessionEndRecord(sessionId, clock.instant(), reason, session.itemsChosen(),
                session.contentsSent(), session.voiceCalls());
        store.ended(record);
        log.info("session {} ended ({}): {} items, {} contents, {} calls", sessionId, reason, record.itemsChosen(),
                record.contentsSent(), record.voiceCalls());
        return record;
    }

    /**
     * A session that ends (the customer ended it, or its IP channel was lost and never resumed) takes
     * its call with it: the call is hung up in Asterisk, whose events then close the call record and
     * put the agent back at the FIFO's tail. A failure to hang up does not keep the session open.
     */
    private void hangUpCallOf(UUID sessionId, String reason) {
        ConsultationSession session = registry.find(sessionId).orElse(null);
        if (session == null || !session.inCall()) {
            return;
        }
        try {
            calls.sessionEnding(sessionId, "customer".equals(reason) ? CallEnd.By.CUSTOMER : CallEnd.By.SYSTEM);
        } catch (DomainException e) {
            log.warn("session {} ends ({}) but its call could not be hung up: {}", sessionId, reason, e.getMessage());
        }
    }

    /** The labels of the items along {@code path}, in the session's language (a key where none). */
    private static List<String> labels(ConsultationSession session, List<String> path) {
        Menu menu = session.menu();
        List<String> labels = new ArrayList<>(path.size());
        List<MenuItem> level = menu.items();
        for (String key : path) {
            MenuItem item = Menu.child(level, key);
            labels.add(item == null ? key : item.label().in(session.language(), menu.defaultLanguage()));
            level = item == null ? List.of() : item.items();
        }
        return labels;
    }

    private static String kindName(MenuItem.Kind kind) {
        return switch (kind) {
            case CONTENT -> "content";
            case SUBMENU -> "submenu";
            case VOICE -> "voice";
        };
    }

    private static List<String> append(List<String> path, String key) {
        List<String> longer = new ArrayList<>(path);
        longer.add(key);
        return longer;
    }

    /**
     * The session opened, its top level, and its device account when the app asked for it ahead (null
     * otherwise, or when the menu has no voice item).
     */
    public record Started(ConsultationSession session, MenuLevel level, SipAccount sipAccount) {
    }
}
