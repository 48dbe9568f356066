package dev.ward;

import dev.ward.store.tck.MutableClock;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import java.util.function.Consumer;

/**
 * Any number of {@link AuthManager} "nodes" over one set of in-memory stores and one movable
 * clock, as an application deployed on several servers with a shared database. Each node is
 * built with its own {@link KeySet}, so a test can roll a key change out node by node.
 * Bcrypt cost 4.
 */
final class Cluster {

    final MutableClock clock = MutableClock.at(Fixture.START);
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final InMemoryLoginAttemptStore attempts = new InMemoryLoginAttemptStore();
    private final Consumer<AuthSettings.Builder> settings;

    Cluster() {
        this(s -> { });
    }

    Cluster(Consumer<AuthSettings.Builder> settings) {
        this.settings = settings;
    }

    /** Starts (or restarts, with new keys) a node: a manager over the shared stores. */
    AuthManager node(KeySet keys) {
        AuthSettings.Builder s = AuthSettings.builder().bcryptCost(4);
        settings.accept(s);
        return AuthManager.builder()
                .userRepository(users)
                .tokenStore(tokens)
                .loginAttemptStore(attempts)
                .keys(keys)
                .clock(clock)
                .settings(s.build())
                .build();
    }

    /** A verifier with the same clock, issuer and audience defaults as the nodes. */
    AccessTokenVerifier.Builder verifier() {
        return AccessTokenVerifier.builder().clock(clock);
    }

    /** Logs in on a node (signing the user up first if needed) and returns the new session's tokens. */
    TokenPair logIn(AuthManager node, String email) {
        if (users.findByEmail(email).isEmpty()) {
            node.signUp(new SignUpRequest("Test User", email, Fixture.PASSWORD));
        }
        return node.logIn(email, Fixture.PASSWORD);
    }
}
