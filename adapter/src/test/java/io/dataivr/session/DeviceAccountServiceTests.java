package io.dataivr.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.fixtures.InMemorySipAccountStore;
import io.dataivr.fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeviceAccountServiceTests {

    private final InMemorySipAccountStore store = new InMemorySipAccountStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final DeviceAccountService devices = new DeviceAccountService(store,
            new SipProperties("127.0.0.1", "sip:127.0.0.1:5060", "dev-", Duration.ofHours(2), Duration.ofSeconds(30)),
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
}
