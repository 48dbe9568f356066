package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.internal.token.Base64Url;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every algorithm Ward supports, through the whole life of an access token: issued by
 * {@link AuthManager#logIn}, checked by {@link AuthManager#authenticate} and by a stand-alone
 * {@link AccessTokenVerifier}, and refused when signed by another key, expired, not yet
 * valid, or meant for another issuer or audience. The attack catalogue (tampering, algorithm
 * confusion, {@code none}, hostile headers) lives in the security tests.
 */
@DisplayName("every algorithm: issue, verify and refuse")
class KeyAlgorithmsTest {

    private static final String KID = "k1";
    private static final Duration SKEW = Duration.ofSeconds(AuthSettings.DEFAULT_CLOCK_SKEW_SECONDS);

    /** A manager signing with key 0 of the algorithm, over in-memory stores and a test clock. */
    private static final class Issuer {
        final JwtAlgorithm algorithm;
        final Cluster cluster = new Cluster();
        final AuthManager auth;

        Issuer(JwtAlgorithm algorithm) {
            this.algorithm = algorithm;
            this.auth = cluster.node(KeySet.of(TestKeys.key(KID, algorithm, 0)));
        }

        TokenPair logIn() {
            return cluster.logIn(auth, "alice@example.com");
        }

        Instant now() {
            return cluster.clock.instant();
        }

        /**
         * What a resource server builds: from the published JWKS, or for HS256 (never
         * published) from the shared secret.
         */
        AccessTokenVerifier resourceServer() {
            AccessTokenVerifier.Builder builder = cluster.verifier();
            return algorithm.isSymmetric()
                    ? builder.keys(KeySet.verifyOnly(List.of(JwtKey.hmac(KID, TestKeys.secret(0))))).build()
                    : builder.jwks(auth.jwks()).build();
        }
    }

    private static AuthException rejected(Function<String, AuthenticatedUser> check, String token) {
        AuthException e = catchThrowableOfType(AuthException.class, () -> check.apply(token));
        assertThat(e).as("the token is refused").isNotNull();
        return e;
    }

    private static Map<String, Object> header(String token) {
        String json = new String(Base64Url.decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        try {
            return com.nimbusds.jose.util.JSONObjectUtils.parse(json);
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("log-in issues a token of the key's algorithm that the manager and a resource server accept")
    void issueAndVerify(JwtAlgorithm algorithm) {
        Issuer issuer = new Issuer(algorithm);
        UserAccount alice = issuer.auth.signUp(new SignUpRequest("Alice", "alice@example.com", Fixture.PASSWORD));
        TokenPair pair = issuer.auth.logIn("alice@example.com", Fixture.PASSWORD);

        assertThat(header(pair.accessToken()))
                .containsEntry("alg", algorithm.jwsName())
                .containsEntry("typ", "at+jwt")
                .containsEntry("kid", KID)
                .containsOnlyKeys("alg", "typ", "kid");
        AuthenticatedUser user = issuer.auth.authenticate(pair.accessToken());
        assertThat(user.userId()).isEqualTo(alice.id());
        assertThat(user.sessionId()).isEqualTo(pair.sessionId());
        assertThat(user.roles()).containsExactly("user");
        assertThat(user.expiresAt()).isEqualTo(issuer.now().plus(Duration.ofMinutes(14)));
        assertThat(issuer.resourceServer().verify(pair.accessToken())).isEqualTo(user);
        assertThat(issuer.auth.verifier().verify(pair.accessToken())).isEqualTo(user);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("the constant is named as the JWS alg, so valueOf reads an algorithm from configuration")
    void namedAsInJws(JwtAlgorithm algorithm) {
        assertThat(JwtAlgorithm.valueOf(algorithm.jwsName())).isSameAs(algorithm);
        assertThat(TestKeys.key(KID, algorithm, 0).algorithm()).isSameAs(algorithm);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("a token of another key with the same kid is refused")
    void anotherKeyWithTheSameKid(JwtAlgorithm algorithm) {
        Issuer issuer = new Issuer(algorithm);
        Cluster elsewhere = new Cluster();
        AuthManager impostor = elsewhere.node(KeySet.of(TestKeys.key(KID, algorithm, 1)));
        String foreign = elsewhere.logIn(impostor, "alice@example.com").accessToken();
        String own = issuer.logIn().accessToken();

        // Same header, byte for byte: only the key differs.
        assertThat(foreign.substring(0, foreign.indexOf('.'))).isEqualTo(own.substring(0, own.indexOf('.')));
        assertThat(rejected(issuer.auth::authenticate, foreign).getMessage()).contains("signature");
        assertThat(rejected(issuer.resourceServer()::verify, foreign).getMessage()).contains("signature");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("the same header and claims signed by another key are refused; by the right key, accepted")
    void sameClaimsWrongKey(JwtAlgorithm algorithm) {
        Issuer issuer = new Issuer(algorithm);
        String token = issuer.logIn().accessToken();
        String signingInput = token.substring(0, token.lastIndexOf('.'));
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);

        String wrongKey = signingInput + "." + Base64Url.encode(TestKeys.key(KID, algorithm, 1).material().sign(input));
        String rightKey = signingInput + "." + Base64Url.encode(TestKeys.key(KID, algorithm, 0).material().sign(input));

        assertThat(rejected(issuer.auth::authenticate, wrongKey).error()).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(rejected(issuer.resourceServer()::verify, wrongKey).error()).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(issuer.auth.authenticate(rightKey)).isEqualTo(issuer.auth.authenticate(token));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("a token is valid until exp plus the clock skew, then TOKEN_EXPIRED everywhere")
    void expiry(JwtAlgorithm algorithm) {
        Issuer issuer = new Issuer(algorithm);
        TokenPair pair = issuer.logIn();
        AccessTokenVerifier resourceServer = issuer.resourceServer();

        issuer.cluster.clock.set(pair.accessTokenExpiresAt().plus(SKEW).minusSeconds(1));
        assertThat(issuer.auth.authenticate(pair.accessToken())).isNotNull();
        assertThat(resourceServer.verify(pair.accessToken())).isNotNull();

        issuer.cluster.clock.advance(Duration.ofSeconds(1));
        assertThat(rejected(issuer.auth::authenticate, pair.accessToken()).error()).isEqualTo(AuthError.TOKEN_EXPIRED);
        assertThat(rejected(resourceServer::verify, pair.accessToken()).error()).isEqualTo(AuthError.TOKEN_EXPIRED);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("a token with nbf in the future is INVALID_TOKEN until nbf minus the skew")
    void notYetValid(JwtAlgorithm algorithm) {
        Issuer issuer = new Issuer(algorithm);
        Instant nbf = issuer.now().plus(Duration.ofMinutes(5));
        String token = PeerTokens.jjwt(algorithm, 0, KID, PeerTokens.Claims.valid(issuer.now()).withNotBefore(nbf));
        AccessTokenVerifier resourceServer = issuer.resourceServer();

        assertThat(rejected(issuer.auth::authenticate, token))
                .satisfies(e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN))
                .hasMessageContaining("not valid yet");
        assertThat(rejected(resourceServer::verify, token).getMessage()).contains("not valid yet");

        issuer.cluster.clock.set(nbf.minus(SKEW).minusSeconds(1));
        assertThat(rejected(issuer.auth::authenticate, token).getMessage()).contains("not valid yet");
        issuer.cluster.clock.advance(Duration.ofSeconds(1));
        assertThat(issuer.auth.authenticate(token).userId()).isEqualTo("user-42");
        assertThat(resourceServer.verify(token).userId()).isEqualTo("user-42");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("a token for another issuer or audience is refused, by the manager and by a resource server")
    void wrongIssuerOrAudience(JwtAlgorithm algorithm) {
        Issuer issuer = new Issuer(algorithm);
        PeerTokens.Claims valid = PeerTokens.Claims.valid(issuer.now());
        String good = PeerTokens.jjwt(algorithm, 0, KID, valid);
        String otherIssuer = PeerTokens.jjwt(algorithm, 0, KID, valid.withIssuer("https://other.example"));
        String otherAudience = PeerTokens.jjwt(algorithm, 0, KID, valid.withAudience("other-api"));
        AccessTokenVerifier resourceServer = issuer.resourceServer();

        assertThat(issuer.auth.authenticate(good).sessionId()).isEqualTo("session-7");
        for (Function<String, AuthenticatedUser> check : List.<Function<String, AuthenticatedUser>>of(
                issuer.auth::authenticate, resourceServer::verify)) {
            assertThat(rejected(check, otherIssuer)).hasMessageContaining("issuer")
                    .satisfies(e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN));
            assertThat(rejected(check, otherAudience)).hasMessageContaining("audience")
                    .satisfies(e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN));
        }

        // And a resource server that expects another issuer or audience refuses the manager's own tokens.
        String issued = issuer.logIn().accessToken();
        AccessTokenVerifier.Builder builder = issuer.cluster.verifier().issuer("https://other.example");
        AccessTokenVerifier strangers = algorithm.isSymmetric()
                ? builder.keys(KeySet.verifyOnly(List.of(JwtKey.hmac(KID, TestKeys.secret(0))))).build()
                : builder.jwks(issuer.auth.jwks()).build();
        assertThat(rejected(strangers::verify, issued).getMessage()).contains("issuer");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("AccessTokenVerifier and authenticate give the same verdict and message on every token")
    void sameRulesAsAuthenticate(JwtAlgorithm algorithm) {
        Issuer issuer = new Issuer(algorithm);
        Instant now = issuer.now();
        PeerTokens.Claims valid = PeerTokens.Claims.valid(now);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("issued by log-in", issuer.logIn().accessToken());
        tokens.put("made by jjwt", PeerTokens.jjwt(algorithm, 0, KID, valid));
        tokens.put("another key", PeerTokens.jjwt(algorithm, 1, KID, valid));
        tokens.put("unknown kid", PeerTokens.jjwt(algorithm, 0, "k2", valid));
        tokens.put("typ JWT", PeerTokens.jjwt(algorithm, TestKeys.signing(algorithm, 0), KID, "JWT", valid));
        tokens.put("no typ", PeerTokens.jjwt(algorithm, TestKeys.signing(algorithm, 0), KID, null, valid));
        tokens.put("other issuer", PeerTokens.jjwt(algorithm, 0, KID, valid.withIssuer("x")));
        tokens.put("other audience", PeerTokens.jjwt(algorithm, 0, KID, valid.withAudience("x")));
        tokens.put("nbf ahead", PeerTokens.jjwt(algorithm, 0, KID, valid.withNotBefore(now.plusSeconds(600))));
        tokens.put("expired", PeerTokens.jjwt(algorithm, 0, KID, new PeerTokens.Claims("ward", "ward", "u", "s",
                now.minusSeconds(3600), now.minusSeconds(60), null, List.of())));
        tokens.put("garbage", "a.b.c");
        AccessTokenVerifier resourceServer = issuer.resourceServer();

        int accepted = 0;
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            String byManager = verdict(issuer.auth::authenticate, token.getValue());
            String byVerifier = verdict(resourceServer::verify, token.getValue());
            assertThat(byVerifier).as(token.getKey()).isEqualTo(byManager);
            accepted += byManager.startsWith("accepted") ? 1 : 0;
        }
        assertThat(accepted).as("only the first two are good").isEqualTo(2);
    }

    private static String verdict(Function<String, AuthenticatedUser> check, String token) {
        try {
            return "accepted " + check.apply(token);
        } catch (AuthException e) {
            return e.error() + ": " + e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("the manager's verifier hands out no private key")
    void managersVerifierHoldsNoPrivateKey(JwtAlgorithm algorithm) {
        Issuer issuer = new Issuer(algorithm);
        KeySet keys = issuer.auth.verifier().keys();

        assertThat(keys.signingKey()).isEmpty();
        assertThat(keys.keys()).extracting(JwtKey::kid).containsExactly(KID);
        // A shared secret both signs and verifies: there is nothing to hold back for HS256.
        assertThat(keys.keys().get(0).canSign()).isEqualTo(algorithm.isSymmetric());
    }
}
