package dev.ward.internal.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.ward.JwtAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * EdDSA with Ed25519. Verifies through the JDK's own implementation, unless this instance was
 * made by {@link #verifyingThroughTink()}, which only a codec asked for Tink does.
 */
public final class EdKeyMaterial extends AsymmetricKeyMaterial {

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
    public EdKeyMaterial(String kid, PublicKey publicKey, PrivateKey privateKey) {
        this(kid, publicKey, privateKey, null);
    }

    private EdKeyMaterial(String kid, PublicKey publicKey, PrivateKey privateKey, Ed25519Engine engine) {
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
    EdKeyMaterial verifyingThroughTink() {
        return new EdKeyMaterial(kid(), publicKey, privateKey, TinkEd25519.verifier(rawPublic(publicKey)));
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
        byte[] spki = encoding(SPKI_PREFIX, raw, "public");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key", e);
        }
    }

    /**
     * Puts 32 raw Ed25519 key bytes behind the DER prefix of their standard encoding.
     *
     * @param prefix the DER prefix (SubjectPublicKeyInfo or PKCS#8)
     * @param raw the raw key
     * @param kind "public" or "private", for the message
     * @return a new array; the caller clears it when it holds a private key
     * @throws IllegalArgumentException if {@code raw} is not 32 bytes
     */
    static byte[] encoding(byte[] prefix, byte[] raw, String kind) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 " + kind + " key has 32 bytes, got " + raw.length);
        }
        byte[] der = Arrays.copyOf(prefix, prefix.length + 32);
        System.arraycopy(raw, 0, der, prefix.length, 32);
        return der;
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
        return privateKey == null ? this : new EdKeyMaterial(kid(), publicKey, null, engine);
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
