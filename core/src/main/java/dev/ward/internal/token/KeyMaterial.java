package dev.ward.internal.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.ward.JwtAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
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
 * <p>Instances are immutable and thread-safe; each thread keeps its own initialised
 * {@link Mac} or {@link Signature}, because creating and initialising one per call costs more
 * than the HMAC itself.
 */
public abstract sealed class KeyMaterial {

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

    /** HS256 with a secret of at least 32 bytes. */
    public static final class Hmac extends KeyMaterial {
        private final SecretKeySpec secret;
        private final ThreadLocal<Mac> macs;

        /**
         * Creates an HMAC key.
         *
         * @param kid the key id
         * @param secret the secret, at least 32 bytes; copied
         * @throws IllegalArgumentException if the secret is shorter than 32 bytes
         */
        public Hmac(String kid, byte[] secret) {
            super(kid, JwtAlgorithm.HS256);
            if (secret.length < 32) {
                throw new IllegalArgumentException(
                        "an HS256 secret must be at least 32 bytes (256 bits), got " + secret.length);
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

    // ------------------------------------------------------------------ public-key algorithms

    /** Shared code of the public-key algorithms: one JCA {@link Signature} per thread. */
    abstract static sealed class Asymmetric extends KeyMaterial {
        private final String jcaName;
        final PublicKey publicKey;
        final PrivateKey privateKey;
        private final ThreadLocal<Signature> verifiers;
        private final ThreadLocal<Signature> signers;

        Asymmetric(String kid, JwtAlgorithm algorithm, String jcaName, PublicKey publicKey, PrivateKey privateKey) {
            super(kid, algorithm);
            this.jcaName = jcaName;
            this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
            this.privateKey = privateKey;
            this.verifiers = ThreadLocal.withInitial(() -> {
                try {
                    Signature s = Signature.getInstance(jcaName);
                    s.initVerify(publicKey);
                    return s;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(jcaName + " is not available", e);
                }
            });
            this.signers = privateKey == null ? null : ThreadLocal.withInitial(() -> {
                try {
                    Signature s = Signature.getInstance(jcaName);
                    s.initSign(privateKey);
                    return s;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(jcaName + " is not available", e);
                }
            });
        }

        @Override
        public final boolean canSign() {
            return privateKey != null;
        }

        /** Signs with the JCA signature, in the JCA's own format. */
        final byte[] jcaSign(byte[] input) {
            if (signers == null) {
                throw new IllegalStateException("key " + kid() + " is verify-only");
            }
            Signature signer = signers.get();
            try {
                signer.update(input);
                return signer.sign();
            } catch (GeneralSecurityException e) {
                signers.remove();
                throw new IllegalStateException(jcaName + " signing failed", e);
            }
        }

        /** Verifies a signature in the JCA's own format. */
        final boolean jcaVerify(byte[] input, byte[] jcaSignature) {
            Signature verifier = verifiers.get();
            try {
                verifier.update(input);
                return verifier.verify(jcaSignature);
            } catch (GeneralSecurityException | RuntimeException e) {
                // A malformed signature may leave the object mid-operation: start afresh next time.
                verifiers.remove();
                return false;
            }
        }

        final void requirePrivate() {
            if (privateKey == null) {
                throw new IllegalStateException("key " + kid() + " is verify-only");
            }
        }

        /**
         * Checks that the private and the public key belong together, by a test signature.
         *
         * @throws IllegalArgumentException if they do not
         */
        final void checkPair() {
            if (privateKey == null) {
                return;
            }
            byte[] probe = "ward key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (!verify(probe, sign(probe))) {
                throw new IllegalArgumentException("the private key and the public key of " + kid()
                        + " do not belong together");
            }
        }
    }

    /**
     * ES256: ECDSA on P-256, signatures as the 64-byte concatenation R || S of RFC 7518, which is
     * the JDK's {@code SHA256withECDSAinP1363Format}, so no DER transcoding is needed.
     */
    public static final class Ec extends Asymmetric {
        private final BigInteger order;

        /**
         * Creates an ES256 key.
         *
         * @param kid the key id
         * @param publicKey the P-256 public key
         * @param privateKey the P-256 private key, or null for a verify-only key
         * @throws IllegalArgumentException if a key is not on P-256, or the two do not match
         */
        public Ec(String kid, ECPublicKey publicKey, ECPrivateKey privateKey) {
            super(kid, JwtAlgorithm.ES256, "SHA256withECDSAinP1363Format", publicKey, privateKey);
            requireP256(publicKey.getParams());
            if (privateKey != null) {
                requireP256(privateKey.getParams());
            }
            this.order = publicKey.getParams().getOrder();
            checkPair();
        }

        private static void requireP256(ECParameterSpec params) {
            if (!Curve.P_256.equals(Curve.forECParameterSpec(params))) {
                throw new IllegalArgumentException("an ES256 key must be on curve P-256");
            }
        }

        @Override
        public byte[] sign(byte[] input) {
            return jcaSign(input);
        }

        @Override
        public boolean verify(byte[] input, byte[] signature) {
            if (signature.length != 64) {
                return false;
            }
            // Refuse r or s outside [1, n-1] before the JCA sees them (CVE-2022-21449 was an
            // all-zero signature accepted by a JDK).
            BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
            if (r.signum() == 0 || s.signum() == 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
                return false;
            }
            return jcaVerify(input, signature);
        }

        @Override
        public KeyMaterial verifyOnly() {
            return privateKey == null ? this : new Ec(kid(), (ECPublicKey) publicKey, null);
        }

        @Override
        public Optional<JWK> publicJwk() {
            return Optional.of(new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey)
                    .keyID(kid()).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE).build());
        }

        @Override
        public JWK privateJwk() {
            requirePrivate();
            return new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey).privateKey(privateKey)
                    .keyID(kid()).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE).build();
        }
    }

    /**
     * EdDSA with Ed25519. Verifies through the JDK's own implementation, unless this instance was
     * made by {@link #verifyingThroughTink()}, which only a codec asked for Tink does.
     */
    public static final class Ed extends Asymmetric {
        /** DER prefix of an Ed25519 SubjectPublicKeyInfo, before the 32 raw key bytes. */
        private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

        /** The verifier chosen instead of the JDK's, or null for the JDK's. */
        private final Ed25519Engine engine;

        /**
         * Creates an EdDSA key that verifies through the JDK.
         *
         * @param kid the key id
         * @param publicKey the Ed25519 public key
         * @param privateKey the Ed25519 private key, or null for a verify-only key
         * @throws IllegalArgumentException if a key is not Ed25519, or the two do not match
         */
        public Ed(String kid, PublicKey publicKey, PrivateKey privateKey) {
            this(kid, publicKey, privateKey, null);
        }

        private Ed(String kid, PublicKey publicKey, PrivateKey privateKey, Ed25519Engine engine) {
            super(kid, JwtAlgorithm.EdDSA, "Ed25519", publicKey, privateKey);
            if (!isEd25519(publicKey) || (privateKey != null
                    && !(privateKey instanceof EdECPrivateKey && isEd25519(privateKey)))) {
                throw new IllegalArgumentException("an EdDSA key must be an Ed25519 key");
            }
            this.engine = engine;
            checkPair();
        }

        /**
         * Returns this key verifying through Google Tink instead of the JDK; signing stays with
         * the JDK. For a codec that was asked for Tink.
         *
         * @return a copy that verifies through Tink
         * @throws IllegalArgumentException if Tink is not on the class path
         */
        Ed verifyingThroughTink() {
            return new Ed(kid(), publicKey, privateKey, TinkEd25519.verifier(rawPublic(publicKey)));
        }

        /**
         * Tells whether this key verifies through Tink, which is so only for a copy made by
         * {@link #verifyingThroughTink()}: never because Tink happens to be on the class path.
         *
         * @return true when this instance verifies through Tink
         */
        public boolean usesTink() {
            return engine != null;
        }

        private static boolean isEd25519(java.security.Key key) {
            if (key instanceof java.security.interfaces.EdECKey ed) {
                return "Ed25519".equalsIgnoreCase(ed.getParams().getName());
            }
            return false;
        }

        /**
         * Returns the 32 raw bytes of an Ed25519 public key.
         *
         * @param publicKey the key
         * @return its raw encoding
         */
        static byte[] rawPublic(PublicKey publicKey) {
            byte[] spki = publicKey.getEncoded();
            return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        }

        /**
         * Makes an Ed25519 public key from its 32 raw bytes.
         *
         * @param raw the raw key
         * @return the JDK key
         * @throws IllegalArgumentException if the bytes are not a valid key
         */
        static PublicKey publicFromRaw(byte[] raw) {
            if (raw.length != 32) {
                throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + raw.length);
            }
            byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
            System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
            try {
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("not a valid Ed25519 public key", e);
            }
        }

        @Override
        public byte[] sign(byte[] input) {
            return jcaSign(input);
        }

        @Override
        public boolean verify(byte[] input, byte[] signature) {
            if (signature.length != 64) {
                return false;
            }
            return engine != null ? engine.verify(input, signature) : jcaVerify(input, signature);
        }

        @Override
        public KeyMaterial verifyOnly() {
            return privateKey == null ? this : new Ed(kid(), publicKey, null, engine);
        }

        @Override
        public Optional<JWK> publicJwk() {
            return Optional.of(new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(rawPublic(publicKey)))
                    .keyID(kid()).algorithm(JWSAlgorithm.EdDSA).keyUse(KeyUse.SIGNATURE).build());
        }

        @Override
        public JWK privateJwk() {
            requirePrivate();
            // Not the tail of getEncoded(): a PKCS#8 v2 encoding may end with the public key.
            byte[] raw = ((EdECPrivateKey) privateKey).getBytes()
                    .orElseThrow(() -> new IllegalStateException("the private key of " + kid() + " cannot be exported"));
            try {
                return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(rawPublic(publicKey)))
                        .d(Base64URL.encode(raw)).keyID(kid()).algorithm(JWSAlgorithm.EdDSA)
                        .keyUse(KeyUse.SIGNATURE).build();
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }

    /** RS256: RSASSA-PKCS1-v1_5 with SHA-256, keys of at least 2048 bits. */
    public static final class Rsa extends Asymmetric {
        private final int signatureLength;

        /**
         * Creates an RS256 key.
         *
         * @param kid the key id
         * @param publicKey the RSA public key, at least 2048 bits
         * @param privateKey the matching private key, or null for a verify-only key
         * @throws IllegalArgumentException if the key is shorter than 2048 bits, or the two do not match
         */
        public Rsa(String kid, RSAPublicKey publicKey, PrivateKey privateKey) {
            super(kid, JwtAlgorithm.RS256, "SHA256withRSA", publicKey, privateKey);
            int bits = publicKey.getModulus().bitLength();
            if (bits < 2048) {
                throw new IllegalArgumentException("an RS256 key must have at least 2048 bits, got " + bits);
            }
            // With e = 1 anyone can "sign", and an even e is no RSA key at all. The JDK's key
            // factory refuses only e < 3, and a key object from elsewhere is not checked at all.
            BigInteger e = publicKey.getPublicExponent();
            if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
                throw new IllegalArgumentException("an RS256 public key needs an odd exponent of at least 3");
            }
            if (privateKey != null && !"RSA".equals(privateKey.getAlgorithm())) {
                throw new IllegalArgumentException("an RS256 private key must be an RSA key");
            }
            this.signatureLength = (bits + 7) / 8;
            checkPair();
        }

        @Override
        public byte[] sign(byte[] input) {
            return jcaSign(input);
        }

        @Override
        public boolean verify(byte[] input, byte[] signature) {
            return signature.length == signatureLength && jcaVerify(input, signature);
        }

        @Override
        public KeyMaterial verifyOnly() {
            return privateKey == null ? this : new Rsa(kid(), (RSAPublicKey) publicKey, null);
        }

        @Override
        public Optional<JWK> publicJwk() {
            return Optional.of(new RSAKey.Builder((RSAPublicKey) publicKey)
                    .keyID(kid()).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build());
        }

        @Override
        public JWK privateJwk() {
            requirePrivate();
            return new RSAKey.Builder((RSAPublicKey) publicKey).privateKey(privateKey)
                    .keyID(kid()).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
        }
    }
}
