package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.internal.token.AccessTokenCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cache of verified access tokens: a token presented again skips the signature and JSON
 * work, but the cache never answers for a token it has not verified, and never outlives one.
 * A token enters the cache at its second verification.
 */
@DisplayName("the verified-token cache")
class VerifiedTokenCacheTest {

    private final Fixture f = new Fixture(s -> s.verifiedTokenCacheSize(16));

    private AccessTokenCodec codec() {
        return f.auth.verifier().codec();
    }

    /** Verifies twice, which puts the token in the cache. */
    private AuthenticatedUser cached(String token) {
        f.auth.authenticate(token);
        return f.auth.authenticate(token);
    }

    private AuthError errorOf(String token) {
        AuthException e = catchThrowableOfType(AuthException.class, () -> f.auth.authenticate(token));
        assertThat(e).as("refused").isNotNull();
        return e.error();
    }

    @Test
    @DisplayName("a token presented again is answered from the cache with the same result")
    void presentedAgainIsCached() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");

        AuthenticatedUser first = f.auth.authenticate(pair.accessToken());
        assertThat(codec().cachedTokenCount()).as("not after the first verification").isZero();
        AuthenticatedUser second = f.auth.authenticate(new String(pair.accessToken().toCharArray()));
        assertThat(codec().cachedTokenCount()).as("after the second").isEqualTo(1);
        AuthenticatedUser third = f.auth.authenticate(new String(pair.accessToken().toCharArray()));

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(codec().cachedTokenCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a token one character different from a cached one is verified in full and refused")
    void neighboursOfCachedTokenAreRefused() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        String token = pair.accessToken();
        cached(token);
        assertThat(codec().cachedTokenCount()).isEqualTo(1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                continue;
            }
            // the neighbour in the alphabet differs in the lowest bits, the ones a lenient
            // base64 decoder ignores in the last character
            char c = alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 1) % 64);
            String changed = token.substring(0, i) + c + token.substring(i + 1);
            assertThat(errorOf(changed)).as("position %d", i).isEqualTo(AuthError.INVALID_TOKEN);
        }
        assertThat(errorOf(token + "A")).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(f.auth.authenticate(token)).isNotNull();
    }

    @Test
    @DisplayName("a cached token still expires at exp plus the skew, and leaves the cache")
    void cachedTokenExpires() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        cached(pair.accessToken());

        f.clock.advance(Duration.ofMinutes(14).plusSeconds(29));
        assertThat(f.auth.authenticate(pair.accessToken())).isNotNull();
        f.clock.advance(Duration.ofSeconds(1));

        assertThat(errorOf(pair.accessToken())).isEqualTo(AuthError.TOKEN_EXPIRED);
        assertThat(codec().cachedTokenCount()).isZero();
    }

    @Test
    @DisplayName("a clock set back before the token's iat makes the cache verify it again, and refuse it")
    void clockSetBack() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        cached(pair.accessToken());

        f.clock.advance(Duration.ofMinutes(-5));

        assertThat(errorOf(pair.accessToken())).isEqualTo(AuthError.INVALID_TOKEN);
    }

    @Test
    @DisplayName("the cache never holds more tokens than its size")
    void cacheIsBounded() {
        f.signUp("alice@example.com");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(f.auth.logIn("alice@example.com", Fixture.PASSWORD).accessToken());
        }

        for (String token : tokens) {
            assertThat(cached(token)).isNotNull();
            assertThat(codec().cachedTokenCount()).isLessThanOrEqualTo(16);
        }
        for (String token : tokens) {
            assertThat(f.auth.authenticate(token)).isNotNull();
        }
    }

    @Test
    @DisplayName("a full cache makes room for an eighth of its size at once, not one entry per new token")
    void evictionFreesAnEighth() {
        f.signUp("alice@example.com");
        for (int i = 0; i < 17; i++) {
            cached(f.auth.logIn("alice@example.com", Fixture.PASSWORD).accessToken());
        }

        // 16 fill it; the 17th makes room down to 14 and then joins them.
        assertThat(codec().cachedTokenCount()).isEqualTo(15);
    }

    @Test
    @DisplayName("strict sessions still end a cached token's access at log-out")
    void strictSessionsBypassNothing() {
        Fixture strict = new Fixture(s -> s.strictSessions(true));
        TokenPair pair = strict.signUpAndLogIn("alice@example.com");
        strict.auth.authenticate(pair.accessToken());
        strict.auth.authenticate(pair.accessToken());
        assertThat(strict.auth.verifier().codec().cachedTokenCount()).isEqualTo(1);

        strict.auth.logOut(pair.refreshToken());

        AuthException e = catchThrowableOfType(AuthException.class, () -> strict.auth.authenticate(pair.accessToken()));
        assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN);
    }

    @Test
    @DisplayName("tokens verified only once never enter the cache")
    void onceSeenTokensStayOut() {
        f.signUp("alice@example.com");
        for (int i = 0; i < 50; i++) {
            f.auth.authenticate(f.auth.logIn("alice@example.com", Fixture.PASSWORD).accessToken());
        }

        assertThat(codec().cachedTokenCount()).isZero();
    }

    @Test
    @DisplayName("size 0 turns the cache off")
    void sizeZeroTurnsItOff() {
        Fixture off = new Fixture(s -> s.verifiedTokenCacheSize(0));
        TokenPair pair = off.signUpAndLogIn("alice@example.com");

        off.auth.authenticate(pair.accessToken());
        off.auth.authenticate(pair.accessToken());

        assertThat(off.auth.verifier().codec().cachedTokenCount()).isZero();
    }
}
