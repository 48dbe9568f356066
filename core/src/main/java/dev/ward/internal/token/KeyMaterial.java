package dev.ward.internal.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import dev.ward.JwtAlgorithm;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptographic half of a key: signs and verifies JWS signing input with exactly one
 * algorithm. All cryptography is the JDK's (JCA), except Ed25519 verification in a codec that
 * was asked for Google Tink ({@link TinkEd25519}); this class only frames it as JWS wants.
 *
 * <p>HS256 is {@link Hmac}, below; the public-key algorithms are {@link EcKeyMaterial} (ES256),
 * {@link EdKeyMaterial} (EdDSA) and {@link RsaKeyMaterial} (RS256).
 *
 * <p>Instances are immutable and thread-safe; each thread keeps its own initialised
 * {@link Mac} or {@link Signature}, because creating and initialising one per call costs more
 * than the HMAC itself.
 */
public abstract sealed class KeyMaterial permits KeyMaterial.Hmac, AsymmetricKeyMaterial {

    private final String kid;
    private final JwtAlgorithm algorithm;

    KeyMaterial(String kid, JwtAlgorithm algorithm) {
        this.kid = Objects.requireNonNull(kid, "kid");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    /**
     * Returns the key id.
     *
     * @return the {@code kid}
     */
    public final String kid() {
        return kid;
    }

    /**
     * Returns the one algorithm this key works with.
     *
     * @return the algorithm
     */
    public final JwtAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Tells whether this key can sign (holds a secret or a private key).
     *
     * @return true for a signing key
     */
    public abstract boolean canSign();

    /**
     * Signs JWS signing input.
     *
     * @param input the ASCII bytes of {@code header.payload}
     * @return the JWS signature bytes
     * @throws IllegalStateException if this key cannot sign or the JVM lacks the algorithm
     */
    public abstract byte[] sign(byte[] input);

    /**
     * Verifies a JWS signature over signing input.
     *
     * @param input the ASCII bytes of {@code header.payload}
     * @param signature the decoded signature
     * @return true only for a valid signature of this key
     */
    public abstract boolean verify(byte[] input, byte[] signature);

    /**
     * Verifies a compact JWS given as its ASCII bytes: the signing input is
     * {@code ascii[0, signingInputLength)} and the base64url signature follows the dot after
     * it, up to the end.
     *
     * @param ascii the whole token as ASCII bytes
     * @param signingInputLength the index of the second dot
     * @return true only for a valid signature of this key in canonical base64url
     */
    public boolean verifyCompact(byte[] ascii, int signingInputLength) {
        byte[] signature = Base64Url.decode(ascii, signingInputLength + 1, ascii.length);
        return signature != null && verify(Arrays.copyOf(ascii, signingInputLength), signature);
    }

    /**
     * Returns this key without its secret or private part.
     *
     * @return a verify-only copy; this when it is one already
     */
    public abstract KeyMaterial verifyOnly();

    /**
     * Returns the public JWK of this key, for a JWKS document.
     *
     * @return the public JWK, or empty for an HMAC key, which is never exported
     */
    public abstract Optional<JWK> publicJwk();

    /**
     * Returns the JWK of this key with its secret or private part, for storing a generated key.
     *
     * @return the full JWK
     * @throws IllegalStateException if this key is verify-only
     */
    public abstract JWK privateJwk();

    // ------------------------------------------------------------------ HMAC

    /** HS256 with a secret of at least 32 bytes that is not plainly guessable. */
    public static final class Hmac extends KeyMaterial {
        private final SecretKeySpec secret;
        private final ThreadLocal<Mac> macs;

        /**
         * Creates an HMAC key.
         *
         * @param kid the key id
         * @param secret the secret, at least 32 bytes; copied
         * @throws IllegalArgumentException if the secret is shorter than 32 bytes or plainly
         *     guessable (a repeated byte or short pattern, mostly padding, a common password
         *     padded out)
         */
        public Hmac(String kid, byte[] secret) {
            super(kid, JwtAlgorithm.HS256);
            if (secret.length < 32) {
                throw new IllegalArgumentException(
                        "an HS256 secret must be at least 32 bytes (256 bits), got " + secret.length
                                + HmacSecrets.HOW_TO);
            }
            String weakness = HmacSecrets.weakness(secret);
            if (weakness != null) {
                throw new IllegalArgumentException("the HS256 secret is guessable: " + weakness + HmacSecrets.HOW_TO);
            }
            this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
            this.macs = ThreadLocal.withInitial(this::newMac);
        }

        private Mac newMac() {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(secret);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        }

        @Override
        public boolean canSign() {
            return true;
        }

        @Override
        public byte[] sign(byte[] input) {
            return macs.get().doFinal(input);
        }

        @Override
        public boolean verify(byte[] input, byte[] signature) {
            if (signature.length != 32) {
                return false;
            }
            return MessageDigest.isEqual(sign(input), signature);
        }

        /**
         * Compares the expected signature in its canonical base64url text with the token's,
         * in constant time: equal text means a canonical encoding of the same bytes, so the
         * signature need not be decoded.
         */
        @Override
        public boolean verifyCompact(byte[] ascii, int signingInputLength) {
            int from = signingInputLength + 1;
            if (ascii.length - from != 43) {
                return false;
            }
            Mac mac = macs.get();
            mac.update(ascii, 0, signingInputLength);
            byte[] expected = Base64Url.encodeToAscii(mac.doFinal());
            int difference = 0;
            for (int i = 0; i < 43; i++) {
                difference |= expected[i] ^ ascii[from + i];
            }
            return difference == 0;
        }

        @Override
        public KeyMaterial verifyOnly() {
            // A shared secret verifies by signing: there is no verify-only half to keep.
            return this;
        }

        @Override
        public Optional<JWK> publicJwk() {
            return Optional.empty();
        }

        @Override
        public JWK privateJwk() {
            return new com.nimbusds.jose.jwk.OctetSequenceKey.Builder(secret.getEncoded())
                    .keyID(kid()).algorithm(JWSAlgorithm.HS256).keyUse(KeyUse.SIGNATURE).build();
        }
    }
}
