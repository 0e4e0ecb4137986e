package io.dataivr.api.http.signin;

import io.dataivr.signin.FailedAttempts;
import io.dataivr.signin.SignInLockout;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Every password check of a person, form sign-in and HTTP Basic alike, through the lock-out
 * ({@link SignInLockout}): a locked user is refused before its password is looked at (so even the
 * right one gets ACCOUNT_LOCKED), a wrong password of a known user counts, a right one forgets the count.
 * When the failures cannot be read (PostgreSQL away) the sign-in fails closed.
 */
final class LockoutAuthentication implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInLockout lockout;
    private final PeopleDirectory people;

    LockoutAuthentication(AuthenticationProvider passwords, SignInLockout lockout, PeopleDirectory people) {
        this.passwords = passwords;
        this.lockout = lockout;
        this.people = people;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String name = request.getName();
        FailedAttempts before = stored(() -> lockout.current(name));
        lockout.lockedUntil(before).ifPresent(until -> {
            throw new AccountLocked(until);
        });
        Authentication result;
        try {
            result = passwords.authenticate(request);
        } catch (BadCredentialsException e) {
            if (people.known(name)) {
                stored(() -> lockout.failed(name)).ifPresent(until -> {
                    throw new AccountLocked(until);
                });
            }
            throw e;
        }
        stored(() -> {
            lockout.succeeded(name, before);
            return null;
        });
        return result;
    }

    private static <T> T stored(Supplier<T> step) {
        try {
            return step.get();
        } catch (DataAccessException e) {
            throw new AuthenticationServiceException("the sign-in store is unavailable", e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
