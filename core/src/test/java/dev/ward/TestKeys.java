package dev.ward;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fixed test keys for every {@link JwtAlgorithm}, by number: key 0, key 1, ... of an algorithm
 * are always the same within one test run, so that two managers (or a manager and a peer JWT
 * library) can hold the same key. Key pairs are made with the JDK once and cached, because an
 * RSA key pair costs a noticeable fraction of a second.
 */
final class TestKeys {

    private static final Map<String, KeyPair> PAIRS = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    /** The HS256 secret number {@code index}: 32 bytes, different for each index. */
    static byte[] secret(int index) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("ward test secret " + index).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair number {@code index} of a public-key algorithm. */
    static KeyPair pair(JwtAlgorithm algorithm, int index) {
        if (algorithm.isSymmetric()) {
            throw new IllegalArgumentException(algorithm + " has no key pair");
        }
        return PAIRS.computeIfAbsent(algorithm + "/" + index, name -> generate(algorithm));
    }

    static KeyPair generate(JwtAlgorithm algorithm) {
        try {
            KeyPairGenerator generator;
            switch (algorithm) {
                case ES256 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                }
                case EdDSA -> generator = KeyPairGenerator.getInstance("Ed25519");
                case RS256 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                }
                default -> throw new IllegalArgumentException(algorithm + " has no key pair");
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ward's signing key number {@code index} of an algorithm, under the given kid. */
    static JwtKey key(String kid, JwtAlgorithm algorithm, int index) {
        if (algorithm.isSymmetric()) {
            return JwtKey.hmac(kid, secret(index));
        }
        KeyPair pair = pair(algorithm, index);
        return JwtKey.of(kid, pair.getPublic(), pair.getPrivate());
    }

    /** The JCA key that signs with key number {@code index}: the secret or the private key. */
    static Key signing(JwtAlgorithm algorithm, int index) {
        return algorithm.isSymmetric()
                ? new SecretKeySpec(secret(index), "HmacSHA256")
                : pair(algorithm, index).getPrivate();
    }

    /** The JCA key that verifies key number {@code index}: the secret or the public key. */
    static Key verifying(JwtAlgorithm algorithm, int index) {
        return algorithm.isSymmetric()
                ? new SecretKeySpec(secret(index), "HmacSHA256")
                : pair(algorithm, index).getPublic();
    }
}
