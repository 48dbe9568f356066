package dev.ward.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.ward.JwtAlgorithm;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The peer libraries, each set up once the way its documentation recommends for a resource
 * server (a prebuilt, thread-safe verifier or parser) and each made to check what Ward checks
 * where it can: signature with a pinned algorithm, issuer, audience and expiry against the
 * fixed clock; then each returns the subject and roles.
 */
final class Peers {

    private Peers() {
    }

    /** Nimbus JOSE+JWT used directly: {@link SignedJWT}, a prebuilt verifier, its claims verifier. */
    static final class Nimbus {
        private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

        private final JWSAlgorithm algorithm;
        private final JWSVerifier verifier;
        private final DefaultJWTClaimsVerifier<SecurityContext> claims;

        Nimbus(Fixtures.Keys keys) throws JOSEException {
            switch (keys.algorithm()) {
                case HS256 -> {
                    algorithm = JWSAlgorithm.HS256;
                    verifier = new MACVerifier(keys.secret());
                }
                case ES256 -> {
                    algorithm = JWSAlgorithm.ES256;
                    verifier = new ECDSAVerifier((ECPublicKey) keys.pair().getPublic());
                }
                case EdDSA -> {
                    // nimbus verifies Ed25519 through Google Tink, not through the JDK.
                    algorithm = JWSAlgorithm.EdDSA;
                    verifier = new Ed25519Verifier(new OctetKeyPair.Builder(Curve.Ed25519,
                            Base64URL.encode(Fixtures.rawEd25519(keys.pair()))).build());
                }
                default -> throw new IllegalArgumentException("no nimbus peer for " + keys.algorithm());
            }
            claims = new DefaultJWTClaimsVerifier<>(Fixtures.AUDIENCE,
                    new JWTClaimsSet.Builder().issuer(Fixtures.ISSUER).build(), Set.of("sub", "iat", "exp", "sid")) {
                @Override
                protected Date currentTime() {
                    return Date.from(Fixtures.NOW);
                }
            };
        }

        Principal verify(String token) throws ParseException, JOSEException, BadJWTException {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!algorithm.equals(header.getAlgorithm()) || !AT_JWT.equals(header.getType())
                    || !jwt.verify(verifier)) {
                throw new IllegalStateException("nimbus refused the token");
            }
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            claims.verify(set, null);
            return new Principal(set.getSubject(), set.getStringListClaim("roles"));
        }
    }

    /** jjwt 0.13 with a prebuilt {@link JwtParser}. */
    static final class Jjwt {
        private final JwtParser parser;

        Jjwt(Fixtures.Keys keys) {
            var builder = Jwts.parser()
                    .requireIssuer(Fixtures.ISSUER)
                    .requireAudience(Fixtures.AUDIENCE)
                    .clock(() -> Date.from(Fixtures.NOW));
            parser = switch (keys.algorithm()) {
                case HS256 -> builder.verifyWith(Keys.hmacShaKeyFor(keys.secret())).build();
                case ES256, EdDSA -> builder.verifyWith(keys.pair().getPublic()).build();
                default -> throw new IllegalArgumentException("no jjwt peer for " + keys.algorithm());
            };
        }

        @SuppressWarnings("unchecked")
        Principal verify(String token) {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            return new Principal(claims.getSubject(), claims.get("roles", List.class));
        }
    }

    /** Auth0 java-jwt 4.6 with a prebuilt {@link JWTVerifier}. It has no EdDSA. */
    static final class JavaJwt {
        private final JWTVerifier verifier;

        JavaJwt(Fixtures.Keys keys) {
            Algorithm algorithm = switch (keys.algorithm()) {
                case HS256 -> Algorithm.HMAC256(keys.secret());
                case ES256 -> Algorithm.ECDSA256((ECPublicKey) keys.pair().getPublic(),
                        (ECPrivateKey) keys.pair().getPrivate());
                default -> throw new UnsupportedOperationException("java-jwt 4.6 has no " + keys.algorithm());
            };
            // build(Clock) is java-jwt's documented way to pin the clock; it lives on the class.
            verifier = ((com.auth0.jwt.JWTVerifier.BaseVerification) JWT.require(algorithm)
                    .withIssuer(Fixtures.ISSUER)
                    .withAudience(Fixtures.AUDIENCE))
                    .build(Fixtures.CLOCK);
        }

        static boolean supports(JwtAlgorithm algorithm) {
            return algorithm == JwtAlgorithm.HS256 || algorithm == JwtAlgorithm.ES256;
        }

        Principal verify(String token) {
            DecodedJWT jwt = verifier.verify(token);
            return new Principal(jwt.getSubject(), jwt.getClaim("roles").asList(String.class));
        }
    }
}
