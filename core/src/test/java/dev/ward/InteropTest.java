package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.SignatureException;
import java.lang.reflect.Method;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ward's access tokens are plain JWTs: a token Ward issues verifies in other well-known JWT
 * libraries given the same key, and Ward verifies theirs when they carry {@code typ: at+jwt}
 * and the claims Ward requires ({@code iss}, {@code aud}, {@code sub}, {@code sid},
 * {@code iat}, {@code exp}; {@code roles} optional). Proved with jjwt 0.13 for all four
 * algorithms, and with Auth0 java-jwt 4.6 for HS256, ES256 and RS256: java-jwt 4.x has no
 * EdDSA at all.
 */
@DisplayName("interoperability with jjwt and java-jwt")
class InteropTest {

    private static final String KID = "interop-1";

    /** A Ward manager signing with key 0 of the algorithm, and a logged-in user. */
    private static final class Ward {
        final JwtAlgorithm algorithm;
        final Cluster cluster = new Cluster();
        final AuthManager auth;
        final UserAccount alice;
        final TokenPair tokens;

        Ward(JwtAlgorithm algorithm) {
            this.algorithm = algorithm;
            this.auth = cluster.node(KeySet.of(TestKeys.key(KID, algorithm, 0)));
            this.alice = auth.signUp(new SignUpRequest("Alice", "alice@example.com", Fixture.PASSWORD));
            this.tokens = auth.logIn("alice@example.com", Fixture.PASSWORD);
        }

        /** A stand-alone verifier: from the JWKS, or for HS256 from the shared secret. */
        AccessTokenVerifier verifier() {
            AccessTokenVerifier.Builder builder = cluster.verifier();
            return algorithm.isSymmetric()
                    ? builder.keys(KeySet.verifyOnly(List.of(JwtKey.hmac(KID, TestKeys.secret(0))))).build()
                    : builder.jwks(auth.jwks()).build();
        }

        void assertPeerTokenAccepted(String token) {
            for (AuthenticatedUser user : List.of(verifier().verify(token), auth.authenticate(token))) {
                assertThat(user.userId()).isEqualTo("user-42");
                assertThat(user.sessionId()).isEqualTo("session-7");
                assertThat(user.roles()).containsExactly("user", "admin");
                assertThat(user.issuedAt()).isEqualTo(cluster.clock.instant());
            }
        }

        void assertRefusedForType(String token) {
            AuthException e = catchThrowableOfType(AuthException.class, () -> verifier().verify(token));
            assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(e.getMessage()).contains("at+jwt");
            assertThat(catchThrowableOfType(AuthException.class, () -> auth.authenticate(token)).getMessage())
                    .isEqualTo(e.getMessage());
        }
    }

    @Nested
    @DisplayName("jjwt 0.13")
    class Jjwt {

        private JwtParserBuilder parser(Ward ward, Key key) {
            JwtParserBuilder builder = Jwts.parser()
                    .requireIssuer("ward")
                    .requireAudience("ward")
                    .clock(() -> Date.from(ward.cluster.clock.instant()));
            return key instanceof SecretKey secret ? builder.verifyWith(secret) : builder.verifyWith((PublicKey) key);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("a token Ward issues verifies in jjwt with the same key, with every claim readable")
        void wardToJjwt(JwtAlgorithm algorithm) {
            Ward ward = new Ward(algorithm);
            // jjwt reads the public key from Ward's published JWKS; HS256 has none, so the secret.
            Key key = algorithm.isSymmetric() ? TestKeys.verifying(algorithm, 0)
                    : Jwks.setParser().build().parse(ward.auth.jwks()).getKeys().iterator().next().toKey();
            assertThat(key).isEqualTo(TestKeys.verifying(algorithm, 0));

            Jws<Claims> jws = parser(ward, key).build().parseSignedClaims(ward.tokens.accessToken());

            assertThat(jws.getHeader().getAlgorithm()).isEqualTo(algorithm.jwsName());
            assertThat(jws.getHeader().getType()).isEqualTo("at+jwt");
            assertThat(jws.getHeader().getKeyId()).isEqualTo(KID);
            Claims claims = jws.getPayload();
            assertThat(claims.getSubject()).isEqualTo(ward.alice.id());
            assertThat(claims.get("sid", String.class)).isEqualTo(ward.tokens.sessionId());
            assertThat(claims.get("roles")).isEqualTo(List.of("user"));
            assertThat(claims.getIssuer()).isEqualTo("ward");
            assertThat(claims.getAudience()).containsExactly("ward");
            assertThat(claims.getExpiration().toInstant()).isEqualTo(ward.tokens.accessTokenExpiresAt());
            assertThat(claims.getIssuedAt().toInstant()).isEqualTo(ward.cluster.clock.instant());
            assertThat(claims.getId()).isNotBlank();

            // jjwt really checks: the same token does not verify with another key.
            assertThatThrownBy(() -> parser(ward, TestKeys.verifying(algorithm, 1)).build()
                    .parseSignedClaims(ward.tokens.accessToken())).isInstanceOf(SignatureException.class);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("a token jjwt signs with typ at+jwt and Ward's claims verifies in Ward")
        void jjwtToWard(JwtAlgorithm algorithm) {
            Ward ward = new Ward(algorithm);
            PeerTokens.Claims claims = PeerTokens.Claims.valid(ward.cluster.clock.instant());

            ward.assertPeerTokenAccepted(PeerTokens.jjwt(algorithm, 0, KID, claims));

            // aud as an array, jjwt's default form, with Ward's audience among others.
            var builder = Jwts.builder();
            builder.header().keyId(KID).type("at+jwt");
            builder.issuer("ward").audience().add("billing").add("ward").and().subject("user-42")
                    .issuedAt(Date.from(claims.issuedAt())).expiration(Date.from(claims.expiresAt()))
                    .claim("sid", "session-7").claim("roles", List.of("user", "admin"));
            Key signing = TestKeys.signing(algorithm, 0);
            if (signing instanceof SecretKey secret) {
                builder.signWith(secret, Jwts.SIG.HS256);
            } else {
                builder.signWith((PrivateKey) signing);
            }
            ward.assertPeerTokenAccepted(builder.compact());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("the same jjwt token with typ JWT, or without typ, is refused by Ward")
        void jjwtWithoutAccessTokenType(JwtAlgorithm algorithm) {
            Ward ward = new Ward(algorithm);
            PeerTokens.Claims claims = PeerTokens.Claims.valid(ward.cluster.clock.instant());
            Key signing = TestKeys.signing(algorithm, 0);

            ward.assertRefusedForType(PeerTokens.jjwt(algorithm, signing, KID, "JWT", claims));
            ward.assertRefusedForType(PeerTokens.jjwt(algorithm, signing, KID, null, claims));
        }
    }

    @Nested
    @DisplayName("Auth0 java-jwt 4.6 (no EdDSA in java-jwt)")
    class JavaJwt {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = {"HS256", "ES256", "RS256"})
        @DisplayName("a token Ward issues verifies in java-jwt with the same key, with every claim readable")
        void wardToJavaJwt(JwtAlgorithm algorithm) {
            Ward ward = new Ward(algorithm);

            DecodedJWT jwt = verifier(ward, PeerTokens.javaJwtAlgorithm(algorithm, 0)).verify(ward.tokens.accessToken());

            assertThat(jwt.getAlgorithm()).isEqualTo(algorithm.jwsName());
            assertThat(jwt.getType()).isEqualTo("at+jwt");
            assertThat(jwt.getKeyId()).isEqualTo(KID);
            assertThat(jwt.getSubject()).isEqualTo(ward.alice.id());
            assertThat(jwt.getClaim("sid").asString()).isEqualTo(ward.tokens.sessionId());
            assertThat(jwt.getClaim("roles").asList(String.class)).containsExactly("user");
            assertThat(jwt.getIssuer()).isEqualTo("ward");
            assertThat(jwt.getAudience()).containsExactly("ward");
            assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(ward.tokens.accessTokenExpiresAt());
            assertThat(jwt.getId()).isNotBlank();

            // java-jwt really checks: the same token does not verify with another key.
            assertThatThrownBy(() -> verifier(ward, PeerTokens.javaJwtAlgorithm(algorithm, 1))
                    .verify(ward.tokens.accessToken())).isInstanceOf(SignatureVerificationException.class);
        }

        private JWTVerifier verifier(Ward ward, Algorithm algorithm) {
            return ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer("ward").withAudience("ward"))
                    .build(ward.cluster.clock);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = {"HS256", "ES256", "RS256"})
        @DisplayName("a token java-jwt signs with typ at+jwt and Ward's claims verifies in Ward")
        void javaJwtToWard(JwtAlgorithm algorithm) {
            Ward ward = new Ward(algorithm);
            PeerTokens.Claims claims = PeerTokens.Claims.valid(ward.cluster.clock.instant());

            ward.assertPeerTokenAccepted(PeerTokens.javaJwt(algorithm, 0, KID, "at+jwt", claims));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = {"HS256", "ES256", "RS256"})
        @DisplayName("the same java-jwt token with typ JWT (java-jwt's default) is refused by Ward")
        void javaJwtDefaultType(JwtAlgorithm algorithm) {
            Ward ward = new Ward(algorithm);
            PeerTokens.Claims claims = PeerTokens.Claims.valid(ward.cluster.clock.instant());
            String token = PeerTokens.javaJwt(algorithm, 0, KID, null, claims);

            assertThat(JWT.decode(token).getType()).isEqualTo("JWT");
            ward.assertRefusedForType(token);
        }

        @Test
        @DisplayName("java-jwt 4.x has no EdDSA, so EdDSA interoperability is proved with jjwt alone")
        void noEdDsaInJavaJwt() {
            // When a java-jwt release adds EdDSA this fails: then add EdDSA to the tests above.
            assertThat(Arrays.stream(Algorithm.class.getMethods()).map(Method::getName)
                    .map(name -> name.toLowerCase(Locale.ROOT)))
                    .isNotEmpty()
                    .noneMatch(name -> name.contains("eddsa") || name.contains("ed25519"));
        }
    }
}
