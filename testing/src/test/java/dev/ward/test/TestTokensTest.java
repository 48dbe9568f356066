package dev.ward.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.AuthenticatedUser;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;
import dev.ward.store.tck.MutableClock;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

class TestTokensTest {

    private static final byte[] SECRET = "k3Jd9-aQ2xLm7_Pz5vRt8wYb1cNe4gHu".getBytes(StandardCharsets.US_ASCII);
    private static final TestUser ANN = TestUser.of("user-1", "ann@example.com", "user", "admin");

    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final TestTokens tokens = new TestTokens(SECRET, "key-1", "https://auth.example.com", "shop", clock);
    private final AuthManager auth = manager(tokens, AuthSettings.builder().issuer("https://auth.example.com")
            .audience("shop").build());

    private AuthManager manager(TestTokens source, AuthSettings settings) {
        return AuthManager.builder()
                .userRepository(new InMemoryUserRepository())
                .tokenStore(new InMemoryTokenStore())
                .loginAttemptStore(new InMemoryLoginAttemptStore())
                .keys(source.keySet())
                .clock(clock)
                .settings(settings)
                .build();
    }

    @Nested
    class Accepted {

        @Test
        void aManagerWithTheKeySetIssuerAndAudienceAcceptsTheTokenWithSubjectAndRoles() {
            AuthenticatedUser user = auth.authenticate(tokens.accessToken(ANN));

            assertThat(user.userId()).isEqualTo("user-1");
            assertThat(user.roles()).containsExactly("admin", "user");
            assertThat(user.issuedAt()).isEqualTo(clock.instant());
            assertThat(user.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(14)));
            assertThat(user.hasRole("admin")).isTrue();
        }

        @Test
        void aUserWithoutRolesGetsATokenWithoutRoles() {
            assertThat(auth.authenticate(tokens.accessToken(TestUser.of("user-2", "bob@example.com"))).roles())
                    .isEmpty();
        }

        @Test
        void theTokenHasWardsHeaderAndClaims() throws ParseException {
            SignedJWT jwt = SignedJWT.parse(tokens.accessToken(ANN));

            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
            assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
            assertThat(jwt.getHeader().getKeyID()).isEqualTo("key-1");
            assertThat(jwt.getJWTClaimsSet().getClaims().keySet())
                    .containsExactlyInAnyOrder("iss", "aud", "sub", "iat", "exp", "jti", "sid", "roles");
            assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).isEqualTo(List.of("admin", "user"));
        }

        @Test
        void everyTokenHasItsOwnSessionAndTokenId() throws ParseException {
            SignedJWT first = SignedJWT.parse(tokens.accessToken(ANN));
            SignedJWT second = SignedJWT.parse(tokens.accessToken(ANN));

            assertThat(second.getJWTClaimsSet().getJWTID()).isNotEqualTo(first.getJWTClaimsSet().getJWTID());
            assertThat(second.getJWTClaimsSet().getStringClaim("sid"))
                    .isNotEqualTo(first.getJWTClaimsSet().getStringClaim("sid"));
        }

        @Test
        void forSettingsFollowsTheLifetimeOfTheSettings() {
            AuthSettings settings = AuthSettings.builder().accessTokenTtl(Duration.ofMinutes(3)).build();
            TestTokens short3 = TestTokens.forSettings(SECRET, "key-1", settings, clock);

            AuthenticatedUser user = manager(short3, settings).authenticate(short3.accessToken(ANN));

            assertThat(user.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(3)));
        }

        @Test
        void givenTimesAreCutToWholeSeconds() {
            Instant issuedAt = clock.instant().minusMillis(1500);

            AuthenticatedUser user = auth.authenticate(tokens.accessToken(ANN, issuedAt, issuedAt.plusSeconds(60)));

            assertThat(user.issuedAt()).isEqualTo(Instant.parse("2029-12-31T23:59:58Z"));
        }
    }

    @Nested
    class Refused {

        @Test
        void anExpiredTokenIsRefusedAsExpired() {
            assertError(() -> auth.authenticate(tokens.expiredAccessToken(ANN)), AuthError.TOKEN_EXPIRED);
        }

        @Test
        void theExpiredTokenLiesBeyondTheSkew() {
            String expired = tokens.expiredAccessToken(ANN);

            clock.advance(Duration.ofSeconds(-61));

            assertThat(auth.authenticate(expired).userId()).isEqualTo("user-1");
        }

        @Test
        void aTokenNotYetValidIsRefusedAsInvalid() {
            assertError(() -> auth.authenticate(tokens.notYetValidAccessToken(ANN)), AuthError.INVALID_TOKEN);
        }

        @Test
        void theNotYetValidTokenBecomesValidOnceTheClockReachesIt() {
            String early = tokens.notYetValidAccessToken(ANN);

            clock.advance(Duration.ofSeconds(61));

            assertThat(auth.authenticate(early).userId()).isEqualTo("user-1");
        }

        @Test
        void aTokenForAnotherAudienceIsRefusedAsInvalid() {
            assertError(() -> auth.authenticate(tokens.wrongAudienceAccessToken(ANN)), AuthError.INVALID_TOKEN);
        }

        @Test
        void aTokenOfAnotherSecretIsRefused() {
            byte[] other = Arrays.copyOf(SECRET, SECRET.length);
            other[0] ^= 1;
            TestTokens forged = new TestTokens(other, "key-1", "https://auth.example.com", "shop", clock);

            assertError(() -> auth.authenticate(forged.accessToken(ANN)), AuthError.INVALID_TOKEN);
        }

        @Test
        void aTokenOfAnotherIssuerIsRefused() {
            TestTokens other = new TestTokens(SECRET, "key-1", "https://elsewhere.example.com", "shop", clock);

            assertError(() -> auth.authenticate(other.accessToken(ANN)), AuthError.INVALID_TOKEN);
        }
    }

    @Nested
    class Construction {

        @Test
        void aShortSecretIsRefusedAsWardRefusesIt() {
            assertThatThrownBy(() -> new TestTokens(new byte[16], "k", "ward", "ward", clock))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aBlankAudienceIsRefused() {
            assertThatThrownBy(() -> new TestTokens(SECRET, "k", "ward", " ", clock))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void theSecretIsCopiedSoChangingTheCallersArrayChangesNothing() {
            byte[] secret = SECRET.clone();
            TestTokens copy = new TestTokens(secret, "key-1", "https://auth.example.com", "shop", clock);
            secret[0] ^= 1;

            assertThat(auth.authenticate(copy.accessToken(ANN)).userId()).isEqualTo("user-1");
        }

        @Test
        void toStringNeverShowsTheSecret() {
            assertThat(tokens.toString()).contains("key-1").doesNotContain(new String(SECRET, StandardCharsets.US_ASCII));
        }
    }

    @Nested
    class Users {

        @Test
        void rolesAreCopiedAndSorted() {
            assertThat(TestUser.of("u", "u@example.com", "b", "a", "b").roles()).containsExactly("a", "b");
        }

        @Test
        void aBlankIdOrRoleIsRefused() {
            assertThatThrownBy(() -> TestUser.of(" ", "u@example.com")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TestUser.of("u", "u@example.com", "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TestUser.of("u", "u@example.com", (String) null))
                    .isInstanceOf(NullPointerException.class);
        }
    }

    private static void assertError(ThrowingCallable call, AuthError expected) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.error()).isEqualTo(expected));
    }
}
