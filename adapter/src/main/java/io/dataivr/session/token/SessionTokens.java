package io.dataivr.session.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataivr.session.TextRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customer tokens (docs/protocol.md, "Customer tokens"): {@code base64url(payload) "."
 * base64url(HMAC-SHA256(secret, base64url(payload)))}, no padding, where payload is a UTF-8 JSON
 * object {@code {"sub": customer, "exp": epoch seconds, "jti": unique id}}. The company's backend
 * mints them with the shared secret; the adapter mints them too in demo mode. A token opens one
 * session: its jti is marked used in the {@link UsedTokenStore} (shared by the adapter nodes, kept
 * across restarts) until the token expires, so a second use is refused.
 */
public class SessionTokens {

    public static final int MAX_TOKEN_CHARS = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern JTI = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;
    private final Duration maxLifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final UsedTokenStore used;

    public SessionTokens(String secret, Duration maxLifetime, UsedTokenStore used, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.maxLifetime = maxLifetime;
        this.used = used;
        this.clock = clock;
    }

    /** Mints a token for {@code customer} valid for {@code lifetime} (at most the configured maximum). */
    public String mint(String customer, Duration lifetime) {
        Duration bounded = lifetime.compareTo(maxLifetime) > 0 ? maxLifetime : lifetime;
        byte[] id = new byte[16];
        random.nextBytes(id);
        ObjectNode payload = JSON.createObjectNode()
                .put("sub", customer)
                .put("exp", clock.instant().plus(bounded).getEpochSecond())
                .put("jti", ENCODER.encodeToString(id));
        String body = ENCODER.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(hmac(body));
    }

    /**
     * Checks signature, expiry and single use; marks the token used until it expires. Throws
     * STORE_UNAVAILABLE when the used-token store cannot answer (the token is not accepted then).
     */
    public CustomerToken redeem(String token) {
        CustomerToken verified = verify(token);
        useUp(verified);
        return verified;
    }

    /**
     * Marks a token {@link #verify verified} before as used until it expires: the last step of opening
     * a session, once nothing else can refuse it. Throws TOKEN_REPLAYED when it was used already and
     * STORE_UNAVAILABLE when the used-token store cannot answer.
     */
    public void useUp(CustomerToken verified) {
        Duration remaining = Duration.between(clock.instant(), verified.expiresAt());
        Duration keepFor = remaining.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : remaining;
        if (!used.markUsed(verified.id(), keepFor)) {
            throw new TokenReplayed("this token has already opened a session");
        }
    }

    /** Checks signature and expiry without using the token up. */
    public CustomerToken verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            throw new TokenInvalid("the token is missing or longer than " + MAX_TOKEN_CHARS + " characters");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            throw new TokenInvalid("the token is not PAYLOAD.SIGNATURE");
        }
        String body = token.substring(0, dot);
        String signature = token.substring(dot + 1);
        if (!BASE64URL.matcher(body).matches() || !BASE64URL.matcher(signature).matches()) {
            throw new TokenInvalid("the token is not base64url");
        }
        byte[] given;
        try {
            given = DECODER.decode(signature);
        } catch (IllegalArgumentException e) {
            throw new TokenInvalid("the token's signature is not base64url");
        }
        if (!MessageDigest.isEqual(hmac(body), given)) {
            throw new TokenInvalid("the token's signature does not match");
        }
        CustomerToken parsed = parse(body);
        Instant now = clock.instant();
        if (!now.isBefore(parsed.expiresAt())) {
            throw new TokenExpired("the token expired at " + parsed.expiresAt());
        }
        if (parsed.expiresAt().isAfter(now.plus(maxLifetime).plusSeconds(60))) {
            throw new TokenInvalid("the token's expiry is more than " + maxLifetime + " away");
        }
        return parsed;
    }

    private static CustomerToken parse(String body) {
        JsonNode payload;
        try {
            payload = JSON.readTree(DECODER.decode(body));
        } catch (IOException | IllegalArgumentException e) {
            throw new TokenInvalid("the token's payload is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new TokenInvalid("the token's payload is not a JSON object");
        }
        JsonNode sub = payload.get("sub");
        JsonNode exp = payload.get("exp");
        JsonNode jti = payload.get("jti");
        if (sub == null || !sub.isTextual() || sub.asText().isEmpty() || sub.asText().length() > 128
                || !TextRules.storable(sub.asText())) {
            throw new TokenInvalid("the token's sub must be a string of 1-128 characters");
        }
        if (exp == null || !exp.canConvertToLong() || !exp.isIntegralNumber()) {
            throw new TokenInvalid("the token's exp must be an integer (seconds since 1970)");
        }
        if (jti == null || !jti.isTextual() || !JTI.matcher(jti.asText()).matches()) {
            throw new TokenInvalid("the token's jti must be 8-64 of [A-Za-z0-9_-]");
        }
        long seconds = exp.asLong();
        if (seconds < 0) {
            // A well-formed expiry before 1970 is in the past: expired, like any past exp.
            throw new TokenExpired("the token expired at exp " + seconds + " (before 1970-01-01T00:00:00Z)");
        }
        if (seconds > Instant.MAX.getEpochSecond() / 2) {
            throw new TokenInvalid("the token's exp is out of range");
        }
        return new CustomerToken(sub.asText(), Instant.ofEpochSecond(seconds), jti.asText());
    }

    private byte[] hmac(String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
