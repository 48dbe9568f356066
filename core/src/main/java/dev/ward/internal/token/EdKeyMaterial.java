package dev.ward.internal.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.ward.JwtAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

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
     * @throws IllegalArgumentException if a key is not Ed25519, the public key is a point of small
     *     order, or the two do not match
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
        if (hasSmallOrder(rawPublic(publicKey))) {
            throw new IllegalArgumentException(
                    "an Ed25519 public key must not be a point of small order: any signature may verify with it");
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
     * Tells whether an encoded Ed25519 point has an order dividing 8 (the identity, and the points
     * of order 2, 4 and 8). A verifier with such a key accepts a signature whose R is a small-order
     * point and S is 0 for every message. A point's order is fixed by its y coordinate, whatever
     * the sign of x, so the test is on y reduced mod p, which also catches the non-canonical
     * encodings y + p. The y values are those of libsodium's blocklist
     * ({@code ge25519_has_small_order}) and of "Taming the many EdDSAs" (Brendel et al., 2020).
     *
     * @param raw the 32-byte encoding
     * @return true for a small-order point
     */
    static boolean hasSmallOrder(byte[] raw) {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = raw[31 - i];
        }
        bigEndian[0] &= 0x7f; // the sign of x
        BigInteger y = new BigInteger(1, bigEndian).mod(P);
        return SMALL_ORDER_Y.contains(y);
    }

    /** The field prime 2^255 - 19. */
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    /** y of an order-8 point; the other two order-8 points have p - y. */
    private static final BigInteger ORDER_8_Y =
            new BigInteger("05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826", 16);

    /** y of the points of order 1 (1), 2 (p - 1), 4 (0) and 8. */
    private static final Set<BigInteger> SMALL_ORDER_Y = Set.of(
            BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), ORDER_8_Y, P.subtract(ORDER_8_Y));

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
