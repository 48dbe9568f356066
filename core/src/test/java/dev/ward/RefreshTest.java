package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.internal.token.RefreshTokens;
import dev.ward.store.Session;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RefreshTest {

    private final Fixture f = new Fixture();

    private AuthError errorOf(Runnable call) {
        AuthException e = catchThrowableOfType(AuthException.class, call::run);
        assertThat(e).as("an AuthException").isNotNull();
        return e.error();
    }

    private Session session(TokenPair pair) {
        return f.tokens.findById(pair.sessionId()).orElseThrow();
    }

    @Test
    @DisplayName("refresh rotates: a new access token and a new refresh token for the same session")
    void refreshRotates() {
        TokenPair first = f.signUpAndLogIn("alice@example.com");
        f.clock.advance(Duration.ofMinutes(10));

        TokenPair second = f.auth.refresh(first.refreshToken());

        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(second.accessTokenExpiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(14)));
        assertThat(second.refreshTokenExpiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(30)));
        assertThat(f.auth.authenticate(second.accessToken()).sessionId()).isEqualTo(first.sessionId());
        assertThat(session(second).lastUsedAt()).isEqualTo(f.clock.instant());
        assertThat(f.events(AuthEvent.Refreshed.class)).singleElement()
                .satisfies(e -> assertThat(e.withinGrace()).isFalse());
    }

    @Test
    @DisplayName("roles are read again from the user store at every refresh")
    void rolesAreReReadOnRefresh() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        String userId = f.auth.authenticate(pair.accessToken()).userId();
        f.users.updateRoles(userId, Set.of("user", "admin"));

        TokenPair next = f.auth.refresh(pair.refreshToken());

        assertThat(f.auth.authenticate(pair.accessToken()).roles()).containsExactly("user");
        assertThat(f.auth.authenticate(next.accessToken()).roles()).containsExactlyInAnyOrder("admin", "user");
    }

    @Test
    @DisplayName("roles with quotes, backslashes, control characters and non-ASCII text survive the token")
    void oddRolesSurviveTheToken() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        String userId = f.auth.authenticate(pair.accessToken()).userId();
        java.util.Set<String> odd = Set.of("quo\"te", "back\\slash", "ctl\u0001", "zoë", "</script>", "😀", "plain");
        f.users.updateRoles(userId, odd);

        TokenPair next = f.auth.refresh(pair.refreshToken());

        assertThat(f.auth.authenticate(next.accessToken()).roles()).containsExactlyInAnyOrderElementsOf(odd);
    }

    @Nested
    @DisplayName("the grace window")
    class Grace {

        @Test
        @DisplayName("inside it, the previous token gets the very refresh token the rotation issued, with a fresh access token")
        void insideGraceSameSuccessor() {
            TokenPair t0 = f.signUpAndLogIn("alice@example.com");
            TokenPair t1 = f.auth.refresh(t0.refreshToken());
            f.clock.advance(Duration.ofSeconds(10));

            TokenPair again = f.auth.refresh(t0.refreshToken());

            assertThat(again.refreshToken()).isEqualTo(t1.refreshToken());
            assertThat(again.accessToken()).isNotEqualTo(t1.accessToken());
            assertThat(f.auth.authenticate(again.accessToken()).sessionId()).isEqualTo(t0.sessionId());
            assertThat(again.refreshTokenExpiresAt()).isEqualTo(t1.refreshTokenExpiresAt());
            Session s = session(again);
            assertThat(s.isActive(f.clock.instant())).isTrue();
            assertThat(RefreshTokens.parse(again.refreshToken()).secretHash()).isEqualTo(s.currentHash());
            assertThat(f.events(AuthEvent.Refreshed.class)).extracting(AuthEvent.Refreshed::withinGrace)
                    .containsExactly(false, true);
        }

        @Test
        @DisplayName("two tabs inside the window hold one token: it rotates on, and the first token is then reuse")
        void twoTabsThenRotateOn() {
            String first = f.signUpAndLogIn("alice@example.com").refreshToken();
            String tabA = f.auth.refresh(first).refreshToken();
            String tabB = f.auth.refresh(first).refreshToken();
            assertThat(tabB).isEqualTo(tabA);
            f.clock.advance(Duration.ofMinutes(14));

            String next = f.auth.refresh(tabB).refreshToken();

            assertThat(next).isNotEqualTo(tabA);
            assertThat(errorOf(() -> f.auth.refresh(first))).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);
            assertThat(f.events(AuthEvent.RefreshTokenReused.class)).hasSize(1);
        }

        @Test
        @DisplayName("a retry after a lost answer gets the same token, which then works, and retrying it in its window too")
        void retryAfterLostAnswer() {
            TokenPair t0 = f.signUpAndLogIn("alice@example.com");
            f.auth.refresh(t0.refreshToken()); // the answer is lost
            f.clock.advance(Duration.ofSeconds(29));

            TokenPair retried = f.auth.refresh(t0.refreshToken());
            TokenPair t2 = f.auth.refresh(retried.refreshToken());
            f.clock.advance(Duration.ofSeconds(5));

            assertThat(f.auth.refresh(retried.refreshToken()).refreshToken()).isEqualTo(t2.refreshToken());
            assertThat(f.events(AuthEvent.RefreshTokenReused.class)).isEmpty();
        }

        @Test
        @DisplayName("every session's successor differs, though the grace answer is computed from the store")
        void successorsDifferAcrossSessions() {
            TokenPair a = f.signUpAndLogIn("alice@example.com");
            TokenPair b = f.signUpAndLogIn("bob@example.com");
            TokenPair a1 = f.auth.refresh(a.refreshToken());
            TokenPair b1 = f.auth.refresh(b.refreshToken());

            assertThat(f.auth.refresh(a.refreshToken()).refreshToken()).isEqualTo(a1.refreshToken());
            assertThat(f.auth.refresh(b.refreshToken()).refreshToken()).isEqualTo(b1.refreshToken());
            assertThat(session(a1).successorMask()).isNotEqualTo(session(b1).successorMask());
        }

        @Test
        @DisplayName("the window does not slide: it ends grace after the rotation, however often it is used")
        void windowDoesNotSlide() {
            TokenPair t0 = f.signUpAndLogIn("alice@example.com");
            f.auth.refresh(t0.refreshToken());
            f.clock.advance(Duration.ofSeconds(20));
            f.auth.refresh(t0.refreshToken());
            f.clock.advance(Duration.ofSeconds(10));

            assertThat(errorOf(() -> f.auth.refresh(t0.refreshToken()))).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);
        }

        @Test
        @DisplayName("outside it, the previous token is reuse: the session is revoked and its newest token stops working")
        void outsideGraceRevokes() {
            TokenPair t0 = f.signUpAndLogIn("alice@example.com");
            TokenPair t1 = f.auth.refresh(t0.refreshToken());
            f.clock.advance(Duration.ofSeconds(31));

            assertThat(errorOf(() -> f.auth.refresh(t0.refreshToken()))).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);

            assertThat(session(t1).isRevoked()).isTrue();
            assertThat(session(t1).revokeReason()).isEqualTo("reuse-detected");
            assertThat(errorOf(() -> f.auth.refresh(t1.refreshToken()))).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);
            assertThat(f.events(AuthEvent.RefreshTokenReused.class)).singleElement()
                    .satisfies(e -> assertThat(e.sessionId()).isEqualTo(t0.sessionId()));
        }

        @Test
        @DisplayName("the second-to-last token is reuse even inside the window")
        void secondToLastTokenIsReuseInsideGrace() {
            TokenPair t0 = f.signUpAndLogIn("alice@example.com");
            TokenPair t1 = f.auth.refresh(t0.refreshToken());
            f.auth.refresh(t1.refreshToken());

            assertThat(errorOf(() -> f.auth.refresh(t0.refreshToken()))).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);
            assertThat(session(t0).isRevoked()).isTrue();
        }

        @Test
        @DisplayName("with grace off, the previous token is reuse at once")
        void graceOff() {
            Fixture strict = new Fixture(s -> s.refreshReuseGrace(Duration.ZERO));
            TokenPair t0 = strict.signUpAndLogIn("alice@example.com");
            strict.auth.refresh(t0.refreshToken());

            AuthException e = catchThrowableOfType(AuthException.class, () -> strict.auth.refresh(t0.refreshToken()));
            assertThat(e.error()).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);
        }
    }

    @Nested
    @DisplayName("expiry")
    class Expiry {

        @Test
        @DisplayName("a session unused for the idle lifetime expires")
        void idleExpiry() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            f.clock.advance(Duration.ofDays(30).minusSeconds(1));
            TokenPair next = f.auth.refresh(pair.refreshToken());
            f.clock.advance(Duration.ofDays(30));

            assertThat(errorOf(() -> f.auth.refresh(next.refreshToken()))).isEqualTo(AuthError.TOKEN_EXPIRED);
        }

        @Test
        @DisplayName("a session refreshed often still ends at its absolute lifetime, and the idle expiry never passes it")
        void absoluteExpiry() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            java.time.Instant absoluteEnd = f.clock.instant().plus(Duration.ofDays(90));
            for (int i = 0; i < 4; i++) {
                f.clock.advance(Duration.ofDays(20));
                pair = f.auth.refresh(pair.refreshToken());
                assertThat(pair.refreshTokenExpiresAt()).isBeforeOrEqualTo(absoluteEnd);
            }
            assertThat(pair.refreshTokenExpiresAt()).isEqualTo(absoluteEnd);
            f.clock.advance(Duration.ofDays(10));

            TokenPair last = pair;
            assertThat(errorOf(() -> f.auth.refresh(last.refreshToken()))).isEqualTo(AuthError.TOKEN_EXPIRED);
        }
    }

    @Nested
    @DisplayName("bad tokens")
    class BadTokens {

        @Test
        @DisplayName("no token is INVALID_REQUEST; garbage and an access token are INVALID_TOKEN")
        void garbage() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");

            assertThat(errorOf(() -> f.auth.refresh(null))).isEqualTo(AuthError.INVALID_REQUEST);
            assertThat(errorOf(() -> f.auth.refresh("  "))).isEqualTo(AuthError.INVALID_REQUEST);
            assertThat(errorOf(() -> f.auth.refresh("garbage"))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(errorOf(() -> f.auth.refresh(pair.accessToken()))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(errorOf(() -> f.auth.refresh(pair.refreshToken() + "A"))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(errorOf(() -> f.auth.refresh(pair.refreshToken().substring(1)))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(session(pair).isActive(f.clock.instant())).isTrue();
        }

        @Test
        @DisplayName("a made-up token for a known session id is refused without revoking the session")
        void madeUpTokenForKnownSession() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            String forged = RefreshTokens.issue(pair.sessionId(), RefreshTokens.newFamilySecret()).token();

            assertThat(errorOf(() -> f.auth.refresh(forged))).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(session(pair).isRevoked()).isFalse();
            assertThat(f.auth.refresh(pair.refreshToken())).isNotNull();
        }

        @Test
        @DisplayName("every single-character change of a refresh token is refused")
        void everyCharacterChangeIsRefused() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            String token = pair.refreshToken();
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
            for (int i = 0; i < token.length(); i++) {
                char replacement = alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 1) % alphabet.length());
                String changed = token.substring(0, i) + replacement + token.substring(i + 1);
                AuthError error = errorOf(() -> f.auth.refresh(changed));
                assertThat(error).as("position %d", i).isIn(AuthError.INVALID_TOKEN, AuthError.REFRESH_TOKEN_REUSED);
            }
        }

        @Test
        @DisplayName("a refresh token of a deleted user ends its session")
        void deletedUser() {
            Fixture empty = new Fixture();
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            Session s = session(pair);
            // The same session in a store whose user repository does not know the user.
            empty.tokens.create(s);

            AuthException e = catchThrowableOfType(AuthException.class,
                    () -> empty.auth.refresh(pair.refreshToken()));
            assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(empty.tokens.findById(s.id()).orElseThrow().revokeReason()).isEqualTo("user-gone");
        }
    }
}
