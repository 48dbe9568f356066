package dev.ward.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthenticatedUser;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache on its own: keys, admission at the second sighting, the validity
 * window and the bound. {@code dev.ward.VerifiedTokenCacheTest} checks the same cache through
 * {@code AuthManager}, with real tokens.
 */
@DisplayName("the verified-token cache, on its own")
class VerifiedTokenCacheTest {

    private static final long FROM = 1_000_000L;
    private static final long UNTIL = 2_000_000L;
    private static final String SIGNATURE = "x".repeat(43);

    private static String token(int i) {
        return "header.payload" + i + "." + SIGNATURE.substring(0, 43 - Integer.toString(i).length()) + i;
    }

    private static AuthenticatedUser user(String id) {
        return new AuthenticatedUser(id, Set.of("user"), "sid", Instant.EPOCH, Instant.EPOCH, null);
    }

    /** Admits a token twice, which stores it. */
    private static void admitTwice(VerifiedTokenCache cache, String token, AuthenticatedUser user) {
        cache.admit(cache.keyOf(token), user, FROM, UNTIL);
        cache.admit(cache.keyOf(token), user, FROM, UNTIL);
    }

    @Test
    @DisplayName("a token is stored at its second admission, not its first, and then found with its user")
    void admittedAtSecondSighting() {
        VerifiedTokenCache cache = new VerifiedTokenCache(16);
        AuthenticatedUser alice = user("alice");

        cache.admit(cache.keyOf(token(1)), alice, FROM, UNTIL);
        assertThat(cache.size()).isZero();
        assertThat(cache.find(cache.keyOf(token(1)), FROM)).isNull();
        cache.admit(cache.keyOf(token(1)), alice, FROM, UNTIL);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.find(cache.keyOf(new String(token(1).toCharArray())), FROM)).isSameAs(alice);
    }

    @Test
    @DisplayName("a hit needs the whole text: a token sharing the hashed suffix is another key")
    void sameSuffixIsAnotherKey() {
        VerifiedTokenCache cache = new VerifiedTokenCache(16);
        String token = token(1);
        String sameSuffix = "H" + token.substring(1);
        admitTwice(cache, token, user("alice"));

        assertThat(cache.keyOf(sameSuffix).hashCode()).as("same length and end").isEqualTo(cache.keyOf(token).hashCode());
        assertThat(cache.keyOf(sameSuffix)).isNotEqualTo(cache.keyOf(token));
        assertThat(cache.find(cache.keyOf(sameSuffix), FROM)).isNull();
    }

    @Test
    @DisplayName("a hit is answered only inside its window; outside it, the entry is dropped")
    void windowIsCheckedAtEveryHit() {
        VerifiedTokenCache cache = new VerifiedTokenCache(16);
        admitTwice(cache, token(1), user("alice"));
        admitTwice(cache, token(2), user("bob"));

        assertThat(cache.find(cache.keyOf(token(1)), UNTIL - 1)).isNotNull();
        assertThat(cache.find(cache.keyOf(token(1)), UNTIL)).as("expired").isNull();
        assertThat(cache.find(cache.keyOf(token(2)), FROM - 1)).as("a clock set back").isNull();

        assertThat(cache.size()).isZero();
    }

    @Test
    @DisplayName("it holds at most its size, and a full cache frees an eighth at once")
    void bounded() {
        VerifiedTokenCache cache = new VerifiedTokenCache(16);
        for (int i = 0; i < 17; i++) {
            admitTwice(cache, token(i), user("u" + i));
        }
        assertThat(cache.size()).isEqualTo(15);

        for (int i = 17; i < 300; i++) {
            admitTwice(cache, token(i), user("u" + i));
            assertThat(cache.size()).isLessThanOrEqualTo(16);
        }
    }

    @Test
    @DisplayName("size 0 turns it off: no key, nothing stored, nothing found")
    void off() {
        VerifiedTokenCache cache = new VerifiedTokenCache(0);

        assertThat(cache.keyOf(token(1))).isNull();
        cache.admit(null, user("alice"), FROM, UNTIL);
        cache.admit(null, user("alice"), FROM, UNTIL);
        assertThat(cache.find(null, FROM)).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    @DisplayName("the key hash is seeded per cache, and a key never shows its token")
    void keysAreSeededAndQuiet() {
        VerifiedTokenCache one = new VerifiedTokenCache(16);
        VerifiedTokenCache two = new VerifiedTokenCache(16);
        Set<Boolean> sameHash = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            sameHash.add(one.keyOf(token(i)).hashCode() == two.keyOf(token(i)).hashCode());
        }

        assertThat(sameHash).contains(false);
        assertThat(one.keyOf(token(1)).toString()).doesNotContain("payload").doesNotContain(SIGNATURE.substring(0, 8));
    }
}
