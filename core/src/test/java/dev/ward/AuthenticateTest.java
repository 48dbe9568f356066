package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuthenticateTest {

    private final Fixture f = new Fixture();

    private AuthException rejected(AuthManager auth, String token) {
        AuthException e = catchThrowableOfType(AuthException.class, () -> auth.authenticate(token));
        assertThat(e).as("rejected").isNotNull();
        return e;
    }

    @Test
    @DisplayName("a fresh access token authenticates its user, with roles, session and expiry")
    void freshTokenAuthenticates() {
        UserAccount alice = f.signUp("alice@example.com");
        TokenPair pair = f.auth.logIn("alice@example.com", Fixture.PASSWORD);

        AuthenticatedUser user = f.auth.authenticate(pair.accessToken());

        assertThat(user.userId()).isEqualTo(alice.id());
        assertThat(user.roles()).containsExactly("user");
        assertThat(user.sessionId()).isEqualTo(pair.sessionId());
        assertThat(user.expiresAt()).isEqualTo(pair.accessTokenExpiresAt());
        assertThat(user.issuedAt()).isEqualTo(f.clock.instant());
        assertThat(user.tokenId()).isNotBlank();
        assertThat(user.hasRole("user")).isTrue();
        assertThat(user.hasRole("admin")).isFalse();
        assertThat(user.hasAnyRole("admin", "user")).isTrue();
        assertThat(user.hasAnyRole("admin", "super_admin")).isFalse();
        assertThat(catchThrowableOfType(AuthException.class, () -> user.requireAnyRole("admin", "super_admin")).error())
                .isEqualTo(AuthError.FORBIDDEN);
        assertThat(user.requireAnyRole("user")).isSameAs(user);
    }

    @Test
    @DisplayName("the token is a JWT with typ at+jwt, kid, and the claims of DESIGN.md")
    void tokenShape() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        String[] parts = pair.accessToken().split("\\.");

        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);

        assertThat(header).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"test-key\"}");
        assertThat(payload).contains("\"iss\":\"ward\"", "\"aud\":\"ward\"", "\"sub\":", "\"iat\":", "\"exp\":",
                "\"jti\":", "\"sid\":\"" + pair.sessionId() + "\"", "\"roles\":[\"user\"]");
    }

    @Nested
    @DisplayName("expiry with clock skew")
    class Expiry {

        @Test
        @DisplayName("valid until exp plus the skew, then TOKEN_EXPIRED")
        void expiresAfterTtlPlusSkew() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");

            f.clock.advance(Duration.ofMinutes(14).plusSeconds(29));
            assertThat(f.auth.authenticate(pair.accessToken())).isNotNull();

            f.clock.advance(Duration.ofSeconds(1));
            AuthException e = rejected(f.auth, pair.accessToken());
            assertThat(e.error()).isEqualTo(AuthError.TOKEN_EXPIRED);
            assertThat(e.httpStatus()).isEqualTo(401);
        }

        @Test
        @DisplayName("a token from a clock far ahead (iat in the future) is refused")
        void issuedInTheFuture() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            f.clock.advance(Duration.ofMinutes(-1));

            assertThat(rejected(f.auth, pair.accessToken()).error()).isEqualTo(AuthError.INVALID_TOKEN);
        }
    }

    @Test
    @DisplayName("a refresh token, garbage, nothing or an oversized token is INVALID_TOKEN")
    void wrongKindsOfToken() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");

        assertThat(rejected(f.auth, pair.refreshToken()).error()).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(rejected(f.auth, null).error()).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(rejected(f.auth, "").error()).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(rejected(f.auth, "a.b.c").error()).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(rejected(f.auth, pair.accessToken() + "." + pair.accessToken()).error())
                .isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(rejected(f.auth, "x".repeat(9000)).getMessage()).contains("larger");
    }

    @Test
    @DisplayName("a token of another manager, issuer or audience is refused")
    void otherIssuerOrAudience() {
        Fixture otherIssuer = new Fixture(s -> s.issuer("https://other.example"));
        Fixture otherAudience = new Fixture(s -> s.audience("other-api"));
        TokenPair fromIssuer = otherIssuer.signUpAndLogIn("alice@example.com");
        TokenPair fromAudience = otherAudience.signUpAndLogIn("alice@example.com");

        assertThat(rejected(f.auth, fromIssuer.accessToken()).getMessage()).contains("issuer");
        assertThat(rejected(f.auth, fromAudience.accessToken()).getMessage()).contains("audience");
    }

    @Test
    @DisplayName("every single-character change of an access token is refused")
    void everyCharacterChangeIsRefused() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        String token = pair.accessToken();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                continue;
            }
            for (int shift = 1; shift < 64; shift += 21) {
                char c = alphabet.charAt((alphabet.indexOf(token.charAt(i)) + shift) % 64);
                String changed = token.substring(0, i) + c + token.substring(i + 1);
                assertThat(rejected(f.auth, changed).error()).as("position %d", i).isEqualTo(AuthError.INVALID_TOKEN);
            }
        }
    }

    @Nested
    @DisplayName("strict sessions")
    class StrictSessions {

        @Test
        @DisplayName("off (default): an access token keeps working after log-out until it expires")
        void offKeepsWorking() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            f.auth.logOut(pair.refreshToken());

            assertThat(f.auth.authenticate(pair.accessToken())).isNotNull();
        }

        @Test
        @DisplayName("on: log-out, log-out everywhere and reuse detection end access at once")
        void onEndsAccessAtOnce() {
            Fixture strict = new Fixture(s -> s.strictSessions(true));
            TokenPair a = strict.signUpAndLogIn("alice@example.com");
            TokenPair b = strict.auth.logIn("alice@example.com", Fixture.PASSWORD);
            TokenPair c = strict.auth.logIn("alice@example.com", Fixture.PASSWORD);
            assertThat(strict.auth.authenticate(a.accessToken())).isNotNull();

            strict.auth.logOut(a.refreshToken());
            assertThat(rejected(strict.auth, a.accessToken()).error()).isEqualTo(AuthError.INVALID_TOKEN);

            strict.auth.refresh(b.refreshToken());
            strict.clock.advance(Duration.ofMinutes(1));
            catchThrowableOfType(AuthException.class, () -> strict.auth.refresh(b.refreshToken()));
            assertThat(rejected(strict.auth, b.accessToken()).error()).isEqualTo(AuthError.INVALID_TOKEN);

            strict.auth.logOutEverywhere(strict.auth.authenticate(c.accessToken()).userId());
            assertThat(rejected(strict.auth, c.accessToken()).error()).isEqualTo(AuthError.INVALID_TOKEN);
        }

        @Test
        @DisplayName("with a cache, a session revoked elsewhere keeps working at most for the cache time")
        void cacheIsBounded() {
            Fixture strict = new Fixture(s -> s.strictSessions(true).strictSessionCacheTtl(Duration.ofSeconds(5)));
            TokenPair pair = strict.signUpAndLogIn("alice@example.com");
            assertThat(strict.auth.authenticate(pair.accessToken())).isNotNull();
            // Revoked behind this manager's back, as another node would.
            strict.tokens.revoke(pair.sessionId(), strict.clock.instant(), "logout");

            assertThat(strict.auth.authenticate(pair.accessToken())).isNotNull();
            strict.clock.advance(Duration.ofSeconds(5));
            assertThat(rejected(strict.auth, pair.accessToken()).error()).isEqualTo(AuthError.INVALID_TOKEN);
        }
    }

    @Test
    @DisplayName("the manager's verifier accepts the manager's tokens; JWKS of an HMAC key set is empty")
    void verifierAndJwks() {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");

        assertThat(f.auth.verifier().verify(pair.accessToken()).sessionId()).isEqualTo(pair.sessionId());
        assertThat(f.auth.jwks()).isEqualTo("{\"keys\":[]}");
    }
}
