package dev.ward.spring.actuate;

import dev.ward.store.LoginAttemptStore;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.StoreException;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import java.util.Objects;
import java.util.UUID;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of Ward's stores: one cheap read of a random, absent key on each store (a user, a
 * session, a log-in attempt record, a single-use token). UP when every read answers, DOWN with
 * the failing store's name when one throws a {@link StoreException}. Store messages carry no
 * secrets; the details hold no user data.
 */
public final class WardStoresHealthIndicator implements HealthIndicator {

    private final UserRepository users;
    private final TokenStore tokens;
    private final LoginAttemptStore attempts;
    private final OneTimeTokenStore oneTimeTokens;

    /**
     * Creates the indicator.
     *
     * @param users the user store
     * @param tokens the session store
     * @param attempts the log-in attempt store
     * @param oneTimeTokens the single-use token store, or null without one
     */
    public WardStoresHealthIndicator(UserRepository users, TokenStore tokens, LoginAttemptStore attempts,
                                     OneTimeTokenStore oneTimeTokens) {
        this.users = Objects.requireNonNull(users, "users");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.oneTimeTokens = oneTimeTokens;
    }

    /**
     * Reads each store once.
     *
     * @return UP, or DOWN naming the failing store
     */
    @Override
    public Health health() {
        String probe = "health-" + UUID.randomUUID();
        String store = "userRepository";
        try {
            users.findById(probe);
            store = "tokenStore";
            tokens.findById(probe);
            store = "loginAttemptStore";
            attempts.find(probe);
            if (oneTimeTokens != null) {
                store = "oneTimeTokenStore";
                oneTimeTokens.findByHash(probe);
            }
            return Health.up().build();
        } catch (StoreException e) {
            return Health.down().withDetail("store", store).withDetail("error", e.getClass().getName()).build();
        }
    }
}
