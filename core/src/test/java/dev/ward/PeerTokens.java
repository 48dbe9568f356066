package dev.ward;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import java.security.Key;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * Access tokens made by other JWT libraries (jjwt 0.13 and Auth0 java-jwt 4.6), with exactly
 * the header and claims a test asks for: to prove interoperability, and to craft tokens Ward
 * itself would never issue (a future {@code nbf}, another issuer).
 */
final class PeerTokens {

    private PeerTokens() {
    }

    /** The claims Ward requires of an access token, plus an optional {@code nbf}. */
    record Claims(String issuer, String audience, String subject, String sessionId, Instant issuedAt,
                  Instant expiresAt, Instant notBefore, List<String> roles) {

        /** Claims Ward accepts at {@code now}: issuer and audience "ward", valid for 14 minutes. */
        static Claims valid(Instant now) {
            return new Claims("ward", "ward", "user-42", "session-7", now, now.plus(Duration.ofMinutes(14)), null,
                    List.of("user", "admin"));
        }

        Claims withIssuer(String value) {
            return new Claims(value, audience, subject, sessionId, issuedAt, expiresAt, notBefore, roles);
        }

        Claims withAudience(String value) {
            return new Claims(issuer, value, subject, sessionId, issuedAt, expiresAt, notBefore, roles);
        }

        Claims withNotBefore(Instant value) {
            return new Claims(issuer, audience, subject, sessionId, issuedAt, expiresAt, value, roles);
        }
    }

    /**
     * Signs a token with jjwt.
     *
     * @param typ the {@code typ} header, or null for none
     */
    // The audience goes in as one string, as many issuers send it; jjwt keeps that form only
    // in the deprecated AudienceCollection.single.
    @SuppressWarnings("deprecation")
    static String jjwt(JwtAlgorithm algorithm, Key signingKey, String kid, String typ, Claims c) {
        JwtBuilder builder = Jwts.builder();
        builder.header().keyId(kid).type(typ);
        builder.issuer(c.issuer())
                .audience().single(c.audience())
                .subject(c.subject())
                .issuedAt(Date.from(c.issuedAt()))
                .expiration(Date.from(c.expiresAt()))
                .claim("sid", c.sessionId())
                .claim("roles", c.roles());
        if (c.notBefore() != null) {
            builder.notBefore(Date.from(c.notBefore()));
        }
        switch (algorithm) {
            case HS256 -> builder.signWith((SecretKey) signingKey, Jwts.SIG.HS256);
            case ES256 -> builder.signWith((PrivateKey) signingKey, Jwts.SIG.ES256);
            case EdDSA -> builder.signWith((PrivateKey) signingKey, Jwts.SIG.EdDSA);
            case RS256 -> builder.signWith((PrivateKey) signingKey, Jwts.SIG.RS256);
        }
        return builder.compact();
    }

    /** Signs a token with jjwt and {@link TestKeys} key number {@code index}, typ {@code at+jwt}. */
    static String jjwt(JwtAlgorithm algorithm, int index, String kid, Claims c) {
        return jjwt(algorithm, TestKeys.signing(algorithm, index), kid, "at+jwt", c);
    }

    /**
     * The java-jwt algorithm object of {@link TestKeys} key number {@code index}. java-jwt 4.x
     * has no EdDSA at all, so there is none for {@link JwtAlgorithm#EdDSA}.
     */
    static Algorithm javaJwtAlgorithm(JwtAlgorithm algorithm, int index) {
        return switch (algorithm) {
            case HS256 -> Algorithm.HMAC256(TestKeys.secret(index));
            case ES256 -> Algorithm.ECDSA256((ECPublicKey) TestKeys.pair(algorithm, index).getPublic(),
                    (ECPrivateKey) TestKeys.pair(algorithm, index).getPrivate());
            case RS256 -> Algorithm.RSA256((RSAPublicKey) TestKeys.pair(algorithm, index).getPublic(),
                    (RSAPrivateKey) TestKeys.pair(algorithm, index).getPrivate());
            case EdDSA -> throw new UnsupportedOperationException("java-jwt 4.x does not implement EdDSA");
        };
    }

    /**
     * Signs a token with java-jwt.
     *
     * @param typ the {@code typ} header; java-jwt writes {@code "JWT"} when none is given
     */
    static String javaJwt(JwtAlgorithm algorithm, int index, String kid, String typ, Claims c) {
        JWTCreator.Builder builder = JWT.create()
                .withKeyId(kid)
                .withIssuer(c.issuer())
                .withAudience(c.audience())
                .withSubject(c.subject())
                .withIssuedAt(c.issuedAt())
                .withExpiresAt(c.expiresAt())
                .withClaim("sid", c.sessionId())
                .withClaim("roles", c.roles());
        if (typ != null) {
            builder.withHeader(Map.of("typ", typ));
        }
        if (c.notBefore() != null) {
            builder.withNotBefore(c.notBefore());
        }
        return builder.sign(javaJwtAlgorithm(algorithm, index));
    }
}
