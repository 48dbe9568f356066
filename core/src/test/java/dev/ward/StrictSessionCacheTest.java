package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.ward.store.Session;
import dev.ward.store.TokenStore;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import dev.ward.store.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the strict-session check and its cache")
class StrictSessionCacheTest {

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00Z");
    private final AtomicInteger reads = new AtomicInteger();
    /** Every session is active and belongs to user u1; each look-up is counted. */
    private final TokenStore tokens = mock(TokenStore.class, withSettings().stubOnly());

    private final UserRepository users = mock(UserRepository.class, withSettings().stubOnly());

    StrictSessionCacheTest() {
        when(users.findById(anyString())).thenAnswer(call -> Optional.of(new User(call.getArgument(0), "Test",
                "t@example.com", "$2a$04$hash", Set.of("user"), Instant.EPOCH)));
        when(tokens.findById(anyString())).thenAnswer(call -> {
            reads.incrementAndGet();
            Instant now = clock.instant();
            return Optional.of(Session.start(call.getArgument(0), "u1", "f", "c", now, now.plus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(1)), null, null));
        });
    }

    private StrictSessions strict(Duration cacheTtl) {
        return new StrictSessions(tokens, users, clock, AuthSettings.builder().strictSessions(true)
                .strictSessionCacheTtl(cacheTtl).build());
    }

    private static AuthenticatedUser user(String userId, String sessionId) {
        Instant at = Instant.parse("2030-01-01T10:00:00Z");
        return new AuthenticatedUser(userId, Set.of("user"), sessionId, at, at.plusSeconds(840), null);
    }

    @Test
    @DisplayName("without a cache TTL every request reads the store")
    void noCacheReadsEveryTime() {
        StrictSessions strict = strict(Duration.ZERO);
        strict.requireActive(user("u1", "s1"));
        strict.requireActive(user("u1", "s1"));
        assertThat(reads).hasValue(2);
        assertThat(strict.remembersAny()).isFalse();
    }

    @Test
    @DisplayName("a positive check is reused until its TTL has passed, and forgetting a session ends the reuse")
    void cacheReusedUntilTtlOrForget() {
        StrictSessions strict = strict(Duration.ofSeconds(5));
        strict.requireActive(user("u1", "s1"));
        clock.advance(Duration.ofMillis(4_999));
        strict.requireActive(user("u1", "s1"));
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        strict.requireActive(user("u1", "s1"));
        assertThat(reads).hasValue(2);
        strict.forget("s1");
        strict.requireActive(user("u1", "s1"));
        strict.requireActive(user("u1", "s1"));
        assertThat(reads).as("a session marked revoked here is read every time, and not cached").hasValue(4);
    }

    @Test
    @DisplayName("a session of another user is refused and not remembered")
    void otherUsersSessionRefused() {
        StrictSessions strict = strict(Duration.ofSeconds(5));
        assertThatThrownBy(() -> strict.requireActive(user("u2", "s1")))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN));
        assertThat(strict.remembersAny()).isFalse();
    }

    @Test
    @DisplayName("the roles come from the user store, not from the token")
    void rolesAreReadAgain() {
        AuthenticatedUser claimed = new AuthenticatedUser("u1", Set.of("admin"), "s1",
                Instant.parse("2030-01-01T10:00:00Z"), Instant.parse("2030-01-01T10:14:00Z"), null);
        assertThat(strict(Duration.ZERO).requireActive(claimed).roles()).containsExactly("user");
        assertThat(strict(Duration.ofSeconds(5)).requireActive(claimed).roles()).containsExactly("user");
    }

    @Test
    @DisplayName("past its limit the cache evicts some sessions, never all of them at once")
    void boundedWithoutClearingEverything() {
        StrictSessions strict = strict(Duration.ofSeconds(10));
        int sessions = 100_001;
        for (int i = 0; i < sessions; i++) {
            strict.requireActive(user("u1", "s" + i));
        }
        reads.set(0);
        for (int i = 0; i < sessions; i++) {
            strict.requireActive(user("u1", "s" + i));
        }
        // An eighth of the limit is evicted at a time; clearing everything would cost 100,000 reads here.
        assertThat(reads.get()).isBetween(1, 50_000);
    }
}
