package io.dataivr.session.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataivr.fixtures.InMemoryUsedTokenStore;
import io.dataivr.fixtures.MutableClock;
import io.dataivr.system.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionTokensTests {

    static final String SECRET = "test-secret-not-for-production-0123456789";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final InMemoryUsedTokenStore used = new InMemoryUsedTokenStore(clock);
    private final SessionTokens tokens = new SessionTokens(SECRET, Duration.ofHours(24), used, clock);

    @Test
    void aMintedTokenIsRedeemedOnceForItsCustomer() {
        String token = tokens.mint("app-user-42", Duration.ofMinutes(5));

        CustomerToken redeemed = tokens.redeem(token);

        assertThat(redeemed.customer()).isEqualTo("app-user-42");
        assertThat(redeemed.expiresAt()).isEqualTo(Instant.parse("2026-11-26T04:05:00Z"));
        assertThat(code(() -> tokens.redeem(token))).isEqualTo("TOKEN_REPLAYED");
    }

    @Test
    void theWorkedExampleOfTheProtocolDocumentVerifies() {
        // docs/protocol.md, "Customer tokens": payload and token as printed there
        String token = "eyJzdWIiOiJhcHAtdXNlci00MiIsImV4cCI6MTc2NDEzMDQwMCwianRpIjoiOWY4NmQwODE4ODRjN2Q2NTlhMmZlYWEwYzU1YWQwMTUifQ"
                + ".Px4PdGOQMLlUe9bes3R6mhZk5THHZH8KzOWbkt7S9AQ";
        MutableClock before = new MutableClock(Instant.parse("2025-11-26T04:00:00Z"));
        SessionTokens documented = new SessionTokens("dataivr-dev-secret-change-me-0123456789", Duration.ofHours(24),
                new InMemoryUsedTokenStore(before), before);

        CustomerToken verified = documented.verify(token);

        assertThat(verified.customer()).isEqualTo("app-user-42");
        assertThat(verified.id()).isEqualTo("9f86d081884c7d659a2feaa0c55ad015");
        assertThat(verified.expiresAt()).isEqualTo(Instant.ofEpochSecond(1764130400));
    }

    @Test
    void aTokenSignedWithAnotherSecretOrAlteredIsInvalid() {
        String other = new SessionTokens("another-secret-another-secret-another", Duration.ofHours(24), used, clock)
                .mint("app-user-42", Duration.ofMinutes(5));
        String genuine = tokens.mint("app-user-42", Duration.ofMinutes(5));
        String payload = genuine.substring(0, genuine.indexOf('.'));
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
                        .replace("app-user-42", "app-user-43").getBytes(StandardCharsets.UTF_8));

        assertThat(code(() -> tokens.redeem(other))).isEqualTo("TOKEN_INVALID");
        assertThat(code(() -> tokens.redeem(forgedPayload + genuine.substring(genuine.indexOf('.')))))
                .isEqualTo("TOKEN_INVALID");
        assertThat(code(() -> tokens.redeem("not a token"))).isEqualTo("TOKEN_INVALID");
        assertThat(code(() -> tokens.redeem("a.b.c"))).isEqualTo("TOKEN_INVALID");
        assertThat(code(() -> tokens.redeem(""))).isEqualTo("TOKEN_INVALID");
        assertThat(code(() -> tokens.redeem("x".repeat(5000)))).isEqualTo("TOKEN_INVALID");
    }

    @Test
    void aTokenPastItsExpiryIsExpiredAndOneTooFarAheadIsInvalid() {
        String token = tokens.mint("app-user-42", Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));

        assertThat(code(() -> tokens.redeem(token))).isEqualTo("TOKEN_EXPIRED");

        SessionTokens lenient = new SessionTokens(SECRET, Duration.ofDays(365), used, clock);
        String farAhead = lenient.mint("app-user-42", Duration.ofDays(30));
        assertThat(code(() -> tokens.redeem(farAhead))).isEqualTo("TOKEN_INVALID");
    }

    @Test
    void aUsedTokenIdIsKeptForTheTokensRemainingLifetimeOnly() {
        String token = tokens.mint("app-user-42", Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(2));
        String id = tokens.redeem(token).id();

        assertThat(used.keptFor(id)).isEqualTo(Duration.ofMinutes(3));
        clock.advance(Duration.ofMinutes(3));
        assertThat(used.keptFor(id)).isNull();
        assertThat(code(() -> tokens.redeem(token))).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void aTokenUsedThroughAnotherNodeSharingTheStoreIsReplayed() {
        SessionTokens otherNode = new SessionTokens(SECRET, Duration.ofHours(24), used, clock);
        String token = tokens.mint("app-user-42", Duration.ofMinutes(5));

        otherNode.redeem(token);

        assertThat(code(() -> tokens.redeem(token))).isEqualTo("TOKEN_REPLAYED");
    }

    @Test
    void whileTheStoreIsDownNoTokenIsAcceptedAndNoneIsUsedUp() {
        String token = tokens.mint("app-user-42", Duration.ofMinutes(5));
        used.down(true);

        assertThat(code(() -> tokens.redeem(token))).isEqualTo("STORE_UNAVAILABLE");
        assertThat(code(() -> tokens.redeem("forged.token"))).isEqualTo("TOKEN_INVALID");
        used.down(false);
        assertThat(tokens.redeem(token).customer()).isEqualTo("app-user-42");
        assertThat(code(() -> tokens.redeem(token))).isEqualTo("TOKEN_REPLAYED");
    }

    @Test
    void aTokenWhoseExpIsBefore1970IsExpiredNotInvalid() throws java.security.GeneralSecurityException {
        // issue 13 item 10: exp -1 is a well-formed expiry in the past, like any past exp
        for (long exp : new long[] {-1, -1764130400L, Long.MIN_VALUE}) {
            String token = signed("{\"sub\":\"app-user-42\",\"exp\":" + exp + ",\"jti\":\"9f86d081884c7d65\"}");
            assertThat(code(() -> tokens.redeem(token))).as("exp %d", exp).isEqualTo("TOKEN_EXPIRED");
        }
        String fractional = signed("{\"sub\":\"app-user-42\",\"exp\":-1.5,\"jti\":\"9f86d081884c7d65\"}");
        assertThat(code(() -> tokens.redeem(fractional))).isEqualTo("TOKEN_INVALID");
    }

    private static String signed(String payload) throws java.security.GeneralSecurityException {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String body = url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return body + "." + url.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String code(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            return e.code();
        }
        throw new AssertionError("no domain error");
    }
}
