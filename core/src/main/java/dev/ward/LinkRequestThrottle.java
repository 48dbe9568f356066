package dev.ward;

import dev.ward.internal.token.RefreshTokens;
import dev.ward.store.LockoutPolicy;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.LoginAttempts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Limits the links that anyone can have mailed by naming an address (a forgotten password, a
 * log-in link), so that Ward cannot be used to bomb a mailbox: per address, a few at once and
 * then one per window; per client address, a larger budget. The counts live in the shared
 * {@link LoginAttemptStore} under keys of their own, so the limits hold across nodes, and are
 * forgotten by {@code purgeExpired} a day after the last request.
 *
 * <p>An address over its limit is answered exactly like any other (nothing is sent), so the
 * limit reveals nothing about accounts; a client over its limit is refused outright, which
 * reveals nothing about any address.
 */
final class LinkRequestThrottle {

    /** Links one address may be sent at once; after that, one per {@link #WINDOW}. */
    static final int PER_ADDRESS = 3;
    /** Link requests one client address may make at once; after that, one per {@link #WINDOW}. */
    static final int PER_CLIENT = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    /**
     * Keys of addresses: the prefix and the SHA-256 of the address, so the key holds no '@' and
     * no log-in can count failures under it (every log-in e-mail, and so every account key of the
     * log-in throttle, has an '@'). Keys of client addresses are hashed the same way, since a host
     * may pass any text as a client address.
     */
    private static final String ADDRESS_PREFIX = "link:";
    private static final String CLIENT_PREFIX = "link-ip:";

    private final LoginAttemptStore attempts;

    LinkRequestThrottle(LoginAttemptStore attempts) {
        this.attempts = attempts;
    }

    /**
     * Counts one request and tells whether a link may be sent to the address.
     *
     * @param email the normalised address
     * @param client the client, whose address (when known) has a budget of its own
     * @return false when the address has had its share for now: send nothing, answer the same
     * @throws AuthException {@link AuthError#TOO_MANY_ATTEMPTS} when the client is over its budget
     */
    boolean allow(String email, ClientInfo client, Instant now) {
        if (client.ip() != null) {
            String key = CLIENT_PREFIX + RefreshTokens.sha256(client.ip().getBytes(StandardCharsets.UTF_8));
            Optional<LoginAttempts> state = attempts.find(key);
            if (state.isPresent() && state.get().isLockedAt(now)) {
                throw AuthException.tooManyAttempts(Duration.between(now, state.get().lockedUntil()));
            }
            attempts.recordFailure(key, now, window(PER_CLIENT));
        }
        String key = addressKey(email);
        Optional<LoginAttempts> state = attempts.find(key);
        if (state.isPresent() && state.get().isLockedAt(now)) {
            return false;
        }
        attempts.recordFailure(key, now, window(PER_ADDRESS));
        return true;
    }

    /** Forgets an address's count, once a link sent to it has been used. */
    void used(String email) {
        attempts.reset(addressKey(email));
    }

    private static String addressKey(String email) {
        return ADDRESS_PREFIX + RefreshTokens.sha256(email.getBytes(StandardCharsets.UTF_8));
    }

    private static LockoutPolicy window(int allowed) {
        return (count, now) -> count >= allowed ? now.plus(WINDOW) : null;
    }
}
