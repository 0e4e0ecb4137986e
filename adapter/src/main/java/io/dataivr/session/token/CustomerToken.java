package io.dataivr.session.token;

import java.time.Instant;

/**
 * A verified customer token: the company's backend vouches that {@code customer} may open one
 * consultation until {@code expiresAt}; {@code id} (jti) makes each token single-use.
 */
public record CustomerToken(String customer, Instant expiresAt, String id) {
}
