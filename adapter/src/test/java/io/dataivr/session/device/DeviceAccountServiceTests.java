package io.dataivr.session.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.fixtures.InMemorySipAccountStore;
import io.dataivr.fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeviceAccountServiceTests {

    private final InMemorySipAccountStore store = new InMemorySipAccountStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final DeviceAccountService devices = new DeviceAccountService(store,
            new SipProperties("127.0.0.1", "sip:127.0.0.1:5060", "dev-", Duration.ofHours(2), Duration.ofSeconds(30), 0, Duration.ofMinutes(10)),
            clock);

    @Test
    void eachSessionGetsItsOwnAccountAndKeepsItForLaterCalls() {
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        SipAccount first = devices.accountFor(one);
        SipAccount second = devices.accountFor(two);

        assertThat(devices.accountFor(one)).isEqualTo(first);
        assertThat(first.username()).startsWith("dev-").isNotEqualTo(second.username());
        assertThat(first.password()).hasSize(24).isNotEqualTo(second.password());
        assertThat(first.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(store.live()).containsOnlyKeys(first.username(), second.username());
        assertThat(first.toString()).doesNotContain(first.password());
    }

    @Test
    void aBrowsersSessionGetsAWebRtcAccountWithTheSipWebSocketAndNeverAPooledOne() {
        DeviceAccountService pooled = new DeviceAccountService(store, new SipProperties("127.0.0.1",
                "sip:127.0.0.1:5060", "dev-", Duration.ofHours(2), Duration.ofSeconds(30), 2, Duration.ofMinutes(10),
                "wss://ivr.example.com:8089/ws"), clock);
        pooled.refillPool();
        UUID browser = UUID.randomUUID();
        UUID app = UUID.randomUUID();
        pooled.deviceOf(browser, DeviceKind.WEBRTC);

        SipAccount web = pooled.accountFor(browser);
        SipAccount sip = pooled.accountFor(app);

        assertThat(web.kind()).isEqualTo(DeviceKind.WEBRTC);
        assertThat(web.websocketUrl()).isEqualTo("wss://ivr.example.com:8089/ws");
        assertThat(store.unassigned()).as("the pool is for SIP apps").doesNotContain(web.username());
        assertThat(sip.kind()).isEqualTo(DeviceKind.SIP);
        assertThat(sip.websocketUrl()).isNull();
        assertThat(pooled.accountFor(browser)).as("kept for later calls").isEqualTo(web);
        assertThat(pooled.mayCall(web.username(), browser)).isTrue();
        assertThat(pooled.mayCall(web.username(), app)).isFalse();

        pooled.revoke(browser, "session customer");
        assertThat(store.isLive(web.username())).isFalse();
        assertThat(pooled.kindOf(browser)).as("forgotten with the session").isEqualTo(DeviceKind.SIP);
    }

    @Test
    void theDeviceFieldIsSipWebrtcOrAbsent() {
        assertThat(DeviceKind.fromWire(null)).isEqualTo(DeviceKind.SIP);
        assertThat(DeviceKind.fromWire("sip")).isEqualTo(DeviceKind.SIP);
        assertThat(DeviceKind.fromWire("webrtc")).isEqualTo(DeviceKind.WEBRTC);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceKind.fromWire("WebRTC"))
                .isInstanceOf(io.dataivr.system.InvalidField.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceKind.fromWire("sip "))
                .isInstanceOf(io.dataivr.system.InvalidField.class);
    }

    @Test
    void aDeviceAccountMayOnlyCallForItsOwnLiveSession() {
        UUID mine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        SipAccount account = devices.accountFor(mine);
        devices.accountFor(other);

        assertThat(devices.mayCall(account.username(), mine)).isTrue();
        assertThat(devices.mayCall(account.username(), other)).isFalse();
        assertThat(devices.mayCall("customer1", other)).as("static demo account").isTrue();

        devices.revoke(mine, "session customer");
        assertThat(store.isLive(account.username())).isFalse();
        assertThat(devices.mayCall(account.username(), mine)).isFalse();
    }

    @Test
    void aRevokedAccountLeavesAsterisksCacheAfterItsRowsSoItsNextRequestIsRefused() {
        List<String> events = new ArrayList<>();
        SipAccountCache cache = username -> events.add("evicted " + username + ", live in store: "
                + store.isLive(username));
        DeviceAccountService cached = new DeviceAccountService(store, cache, new SipProperties("127.0.0.1",
                "sip:127.0.0.1:5060", "dev-", Duration.ofHours(2), Duration.ofSeconds(30), 0, Duration.ofMinutes(10)),
                clock, Runnable::run);
        UUID ended = UUID.randomUUID();
        UUID expiring = UUID.randomUUID();
        SipAccount first = cached.accountFor(ended);
        clock.advance(Duration.ofHours(1));
        SipAccount second = cached.accountFor(expiring);

        cached.revoke(ended, "session customer");
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(cached.revokeExpired()).isEqualTo(0);
        clock.advance(Duration.ofHours(1));
        assertThat(cached.revokeExpired()).isEqualTo(1);

        assertThat(events).containsExactly("evicted " + first.username() + ", live in store: false",
                "evicted " + second.username() + ", live in store: false");
    }

    @Test
    void expiredAccountsAreRevokedAndTheSessionGetsANewOneOnItsNextCall() {
        UUID session = UUID.randomUUID();
        SipAccount old = devices.accountFor(session);
        clock.advance(Duration.ofHours(1));
        assertThat(devices.revokeExpired()).isZero();

        clock.advance(Duration.ofHours(1));
        assertThat(devices.revokeExpired()).isEqualTo(1);
        assertThat(store.isLive(old.username())).isFalse();
        assertThat(devices.mayCall(old.username(), session)).isFalse();

        SipAccount renewed = devices.accountFor(session);
        assertThat(renewed.username()).isNotEqualTo(old.username());
        assertThat(store.isLive(renewed.username())).isTrue();
    }

    @Test
    void aSessionsFirstVoiceRequestTakesAPooledAccountAndTheBackgroundRefillsThePool() {
        List<Runnable> background = new ArrayList<>();
        DeviceAccountService pooled = new DeviceAccountService(store, withPool(2), clock, background::add);
        pooled.refillPool();
        Set<String> ready = store.unassigned();
        assertThat(ready).hasSize(2);

        UUID session = UUID.randomUUID();
        SipAccount account = pooled.accountFor(session);

        assertThat(ready).contains(account.username());
        assertThat(store.unassigned()).as("taken, never offered again").doesNotContain(account.username());
        assertThat(account.expiresAt()).as("its lifetime starts now").isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(store.live().get(account.username()).expiresAt()).isEqualTo(account.expiresAt());
        assertThat(pooled.mayCall(account.username(), session)).isTrue();
        assertThat(background).as("one refill queued").hasSize(1);

        background.remove(0).run();
        assertThat(store.unassigned()).hasSize(2).doesNotContain(account.username());
        assertThat(pooled.accountFor(session)).as("later requests keep it").isEqualTo(account);
    }

    @Test
    void pooledAccountsAreNeverSharedAndAnEmptyPoolProvisionsOnTheSpot() {
        List<Runnable> background = new ArrayList<>();
        DeviceAccountService pooled = new DeviceAccountService(store, withPool(1), clock, background::add);
        pooled.refillPool();
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();

        SipAccount first = pooled.accountFor(one);
        SipAccount second = pooled.accountFor(two);

        assertThat(second.username()).isNotEqualTo(first.username());
        assertThat(store.isLive(second.username())).as("provisioned while the pool was empty").isTrue();
        assertThat(pooled.mayCall(first.username(), two)).isFalse();
        assertThat(pooled.mayCall(second.username(), one)).isFalse();
        assertThat(pooled.sessionOf(first.username())).contains(one);
    }

    @Test
    void anIdlePoolIsReplacedAtHalfItsLifeAndClosingRevokesIt() {
        DeviceAccountService pooled = new DeviceAccountService(store, withPool(3), clock, Runnable::run);
        pooled.refillPool();
        Set<String> old = store.unassigned();

        clock.advance(Duration.ofMinutes(4));
        pooled.refillPool();
        assertThat(store.unassigned()).isEqualTo(old);

        clock.advance(Duration.ofMinutes(1));
        pooled.refillPool();
        assertThat(store.unassigned()).hasSize(3).doesNotContainAnyElementsOf(old);
        assertThat(store.live()).doesNotContainKeys(old.toArray(String[]::new));

        SipAccount taken = pooled.accountFor(UUID.randomUUID());
        pooled.close();
        assertThat(store.unassigned()).isEmpty();
        assertThat(store.live()).containsOnlyKeys(taken.username());
    }

    @Test
    void aPooledAccountNobodyTookExpiresLikeAnyOther() {
        List<Runnable> background = new ArrayList<>();
        DeviceAccountService pooled = new DeviceAccountService(store, withPool(2), clock, background::add);
        pooled.refillPool();

        clock.advance(Duration.ofMinutes(10));
        assertThat(pooled.revokeExpired()).isEqualTo(2);
        assertThat(store.live()).isEmpty();
        assertThat(pooled.pooled()).isZero();
    }

    private static SipProperties withPool(int size) {
        return new SipProperties("127.0.0.1", "sip:127.0.0.1:5060", "dev-", Duration.ofHours(2), Duration.ofSeconds(30),
                size, Duration.ofMinutes(10));
    }
}
