package dev.ward.security;

import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * A key whose secret or private half the test holds, so that it can sign tokens by hand: once
 * as Ward's own key (to prove that a rule, not the signature, refuses a token), once as an
 * attacker's key.
 *
 * @param algorithm the algorithm
 * @param kid the key id
 * @param secret the HS256 secret, or null
 * @param pair the key pair of a public-key algorithm, or null
 */
record TestKey(JwtAlgorithm algorithm, String kid, byte[] secret, KeyPair pair) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<JwtAlgorithm, TestKey> WARD_KEYS = new EnumMap<>(JwtAlgorithm.class);

    /**
     * Returns the key Ward signs with in the tests of an algorithm, made once per run (RSA key
     * generation is slow).
     */
    static synchronized TestKey ward(JwtAlgorithm algorithm) {
        return WARD_KEYS.computeIfAbsent(algorithm, a -> fresh(a, "ward-" + a.jwsName().toLowerCase()));
    }

    /** Makes a new key, for example an attacker's. */
    static TestKey fresh(JwtAlgorithm algorithm, String kid) {
        try {
            return switch (algorithm) {
                case HS256 -> {
                    byte[] secret = new byte[32];
                    RANDOM.nextBytes(secret);
                    yield new TestKey(algorithm, kid, secret, null);
                }
                case ES256 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    yield new TestKey(algorithm, kid, null, g.generateKeyPair());
                }
                case EdDSA -> new TestKey(algorithm, kid, null, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
                case RS256 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    yield new TestKey(algorithm, kid, null, g.generateKeyPair());
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    JwtKey jwtKey() {
        return algorithm == JwtAlgorithm.HS256 ? JwtKey.hmac(kid, secret)
                : JwtKey.of(kid, pair.getPublic(), pair.getPrivate());
    }

    /** Signs JWS signing input as the algorithm's JWS form wants it. */
    byte[] sign(byte[] input) {
        return switch (algorithm) {
            case HS256 -> Jose.hmacSha256(secret, input);
            case ES256 -> Jose.derToConcat(Jose.jcaSign("SHA256withECDSA", pair.getPrivate(), input), 32);
            case EdDSA -> Jose.jcaSign("Ed25519", pair.getPrivate(), input);
            case RS256 -> Jose.jcaSign("SHA256withRSA", pair.getPrivate(), input);
        };
    }

    /** The length of a JWS signature of this algorithm, in bytes. */
    int signatureLength() {
        return switch (algorithm) {
            case HS256 -> 32;
            case ES256, EdDSA -> 64;
            case RS256 -> (((RSAPublicKey) pair.getPublic()).getModulus().bitLength() + 7) / 8;
        };
    }

    /** The public key in its raw form: the EC point, the Ed25519 key bytes or the RSA modulus. */
    byte[] rawPublicKey() {
        return switch (algorithm) {
            case HS256 -> throw new IllegalStateException("an HMAC key has no public half");
            case ES256 -> {
                ECPublicKey ec = (ECPublicKey) pair.getPublic();
                byte[] point = new byte[65];
                point[0] = 0x04;
                copyUnsigned(ec.getW().getAffineX(), point, 1);
                copyUnsigned(ec.getW().getAffineY(), point, 33);
                yield point;
            }
            case EdDSA -> {
                byte[] spki = pair.getPublic().getEncoded();
                yield Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            }
            case RS256 -> unsigned(((RSAPublicKey) pair.getPublic()).getModulus());
        };
    }

    /** The public key as PEM text, as it would sit on a web server or in a repository. */
    String publicPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int at) {
        byte[] bytes = unsigned(value);
        System.arraycopy(bytes, 0, out, at + 32 - bytes.length, bytes.length);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    @Override
    public String toString() {
        return "TestKey[" + algorithm + ", " + kid + "]";
    }
}
