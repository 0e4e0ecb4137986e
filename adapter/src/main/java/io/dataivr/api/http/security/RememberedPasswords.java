package io.dataivr.api.http.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * HTTP Basic sends the password with every request, and a bcrypt check costs by design tens to
 * hundreds of ms of CPU (cost 12: about 0.25 s here), so an agent console polling its state every
 * second would keep a core busy for every few agents. A user name and password that passed the check
 * are remembered for {@code remember} as an HMAC-SHA-256 under a key drawn at start and never
 * stored: the same pair is let in again without bcrypt until it is forgotten. A wrong password is
 * never remembered, so each guess costs the full check. Passwords are read at start only, so nothing
 * remembered can outlive a password change (that needs a restart).
 */
public final class RememberedPasswords implements AuthenticationProvider {

    private static final int MAX_REMEMBERED = 10_000;

    private final AuthenticationProvider checked;
    private final Cache<String, Authentication> passed;
    private final SecretKeySpec key;

    RememberedPasswords(AuthenticationProvider checked, Duration remember, Ticker clock) {
        this.checked = checked;
        this.passed = Caffeine.newBuilder().expireAfterWrite(remember).maximumSize(MAX_REMEMBERED).ticker(clock)
                .build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /**
     * The authentication manager of a filter chain whose users come from {@code users}: each password
     * checked against its stored hash, and a passed one remembered for {@code remember} (zero: never;
     * never negative, {@link PasswordCheckProperties}).
     */
    public static AuthenticationManager manager(UserDetailsService users, Duration remember) {
        return new ProviderManager(provider(users, remember));
    }

    /** The provider of {@link #manager}, for a manager that wraps it (the sign-in's lock-out). */
    public static AuthenticationProvider provider(UserDetailsService users, Duration remember) {
        DaoAuthenticationProvider hashes = new DaoAuthenticationProvider(users);
        return remember.isZero() ? hashes : new RememberedPasswords(hashes, remember, Ticker.systemTicker());
    }

    @Override
    public Authentication authenticate(Authentication request) {
        if (!(request.getCredentials() instanceof String password)) {
            return checked.authenticate(request);
        }
        String pair = digest(request.getName(), password);
        Authentication known = passed.getIfPresent(pair);
        if (known != null) {
            // A new token, so this request's details (its address) are not the first one's.
            UsernamePasswordAuthenticationToken again = UsernamePasswordAuthenticationToken
                    .authenticated(known.getPrincipal(), null, known.getAuthorities());
            again.setDetails(request.getDetails());
            return again;
        }
        Authentication result = checked.authenticate(request);
        if (result != null && result.isAuthenticated()) {
            passed.put(pair, result);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** How many name-password pairs are remembered now (tests, benchmarks). */
    long remembered() {
        passed.cleanUp();
        return passed.estimatedSize();
    }

    private String digest(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
