package dev.ward;

import com.nimbusds.jose.jwk.JWK;
import dev.ward.internal.token.Base64Url;
import dev.ward.internal.token.KeyLoading;
import dev.ward.internal.token.KeyMaterial;
import dev.ward.internal.token.RefreshTokens;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One key for access tokens: a key id ({@code kid}), exactly one {@link JwtAlgorithm}, and
 * the key material, either able to sign (a secret, or a private key with its public key) or
 * verify-only (a public key).
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the kid and the algorithm, never key
 * material.
 *
 * <p>Ways to get one:
 * <pre>{@code
 * JwtKey hs = JwtKey.hmac("2026-11", secretBytes);            // HS256, at least 32 bytes
 * JwtKey es = JwtKey.fromPem("2026-11", pemText);             // PKCS#8 + X.509 PEM blocks
 * JwtKey ed = JwtKey.fromJwk(jwkJson);                        // a JWK with its kid
 * JwtKey test = JwtKey.generate(JwtAlgorithm.EdDSA);          // a fresh key, for tests and demos
 * }</pre>
 */
public final class JwtKey {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final KeyMaterial material;

    private JwtKey(KeyMaterial material) {
        this.material = material;
    }

    /**
     * Makes an HS256 key of a raw secret.
     *
     * @param kid the key id, not blank
     * @param secret at least 32 random bytes; copied
     * @return the key
     * @throws IllegalArgumentException if the secret is shorter than 32 bytes, plainly guessable
     *     (a repeated byte or short pattern, mostly padding, a common password padded out; the
     *     message says how to make a good one) or the kid is blank
     * @throws NullPointerException if an argument is null
     */
    public static JwtKey hmac(String kid, byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        return new JwtKey(new KeyMaterial.Hmac(checkKid(kid), secret));
    }

    /**
     * Makes an HS256 key of a base64 secret (standard or URL-safe alphabet, padding optional),
     * as {@code openssl rand -base64 32} prints one. Whitespace, such as the line breaks of a
     * longer secret, is ignored.
     *
     * @param kid the key id, not blank
     * @param base64Secret the secret, at least 32 bytes once decoded
     * @return the key
     * @throws IllegalArgumentException if the text is not base64, the secret is shorter than 32
     *     bytes or plainly guessable, or the kid is blank; the message never repeats the text
     * @throws NullPointerException if an argument is null
     */
    public static JwtKey hmacBase64(String kid, String base64Secret) {
        Objects.requireNonNull(base64Secret, "base64Secret");
        String text = WHITESPACE.matcher(base64Secret).replaceAll("").replace('-', '+').replace('_', '/');
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the HS256 secret is not valid base64");
        }
        try {
            return hmac(kid, secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Reads a key from PEM text: a {@code PRIVATE KEY} block (PKCS#8) and a {@code PUBLIC KEY}
     * block (X.509 SubjectPublicKeyInfo) or {@code CERTIFICATE}, in any order, or just one of
     * them. The algorithm follows from the key type: RSA gives RS256, EC P-256 gives ES256,
     * Ed25519 gives EdDSA.
     *
     * <p>With a private key the result can sign; with only a public key it verifies. For EC and
     * Ed25519 a signing key needs both blocks; for RSA the public key is derived when absent.
     *
     * @param kid the key id, not blank
     * @param pem the PEM text
     * @return the key
     * @throws IllegalArgumentException if the text holds no supported key, the two blocks do
     *     not belong together, an RSA key is shorter than 2048 bits, an EC key is not a point on
     *     P-256, or an Ed25519 key is a point of small order; the message says how to convert a PKCS#1 or SEC 1 key with openssl
     * @throws NullPointerException if an argument is null
     */
    public static JwtKey fromPem(String kid, String pem) {
        Objects.requireNonNull(pem, "pem");
        return new JwtKey(KeyLoading.fromPem(checkKid(kid), pem));
    }

    /**
     * Reads a key from a JWK (RFC 7517) JSON object, which must have a {@code kid}. An
     * {@code oct} key gives HS256, {@code EC} on P-256 ES256, {@code OKP} on Ed25519 EdDSA,
     * {@code RSA} RS256; an {@code alg} member, if present, must agree, and a {@code use} other
     * than {@code sig} is refused.
     *
     * @param json the JWK
     * @return a signing key when the JWK holds secret or private material, else a verify-only key
     * @throws IllegalArgumentException if the JSON is not a supported, valid JWK, including an
     *     EC point off P-256, an Ed25519 point of small order and a guessable HS256 secret
     * @throws NullPointerException if {@code json} is null
     */
    public static JwtKey fromJwk(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return new JwtKey(KeyLoading.fromJwk(JWK.parse(json)));
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a valid JWK: " + e.getMessage());
        }
    }

    /**
     * Makes a key of JDK key objects.
     *
     * @param kid the key id, not blank
     * @param publicKey an RSA, EC P-256 or Ed25519 public key
     * @param privateKey its private key, or null for a verify-only key
     * @return the key
     * @throws IllegalArgumentException if the keys are unsupported or do not belong together, an
     *     EC public key is not a point on P-256 or an Ed25519 public key is a point of small order
     */
    public static JwtKey of(String kid, PublicKey publicKey, PrivateKey privateKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        return new JwtKey(KeyLoading.fromJca(checkKid(kid), publicKey, privateKey));
    }

    /**
     * Generates a fresh signing key with a random kid, for tests and demos.
     *
     * @param algorithm the algorithm
     * @return the key
     */
    public static JwtKey generate(JwtAlgorithm algorithm) {
        return generate(Base64Url.encode(RefreshTokens.randomBytes(9)), algorithm);
    }

    /**
     * Generates a fresh signing key.
     *
     * @param kid the key id, not blank
     * @param algorithm the algorithm
     * @return the key
     */
    public static JwtKey generate(String kid, JwtAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        return new JwtKey(KeyLoading.generate(checkKid(kid), algorithm));
    }

    static JwtKey of(KeyMaterial material) {
        return new JwtKey(material);
    }

    private static String checkKid(String kid) {
        Objects.requireNonNull(kid, "kid");
        if (kid.isBlank() || kid.length() > 256) {
            throw new IllegalArgumentException("a kid must be 1 to 256 characters and not blank");
        }
        return kid;
    }

    /**
     * Returns the key id.
     *
     * @return the {@code kid}
     */
    public String kid() {
        return material.kid();
    }

    /**
     * Returns the algorithm this key is bound to.
     *
     * @return the algorithm
     */
    public JwtAlgorithm algorithm() {
        return material.algorithm();
    }

    /**
     * Tells whether this key can sign.
     *
     * @return true for a secret or a private key
     */
    public boolean canSign() {
        return material.canSign();
    }

    /**
     * Returns this key without its private part. An HMAC key has no verify-only form: its
     * secret both signs and verifies, so it is returned as it is.
     *
     * @return a key that only verifies (or this HMAC key)
     */
    public JwtKey verifyOnly() {
        KeyMaterial only = material.verifyOnly();
        return only == material ? this : new JwtKey(only);
    }

    /**
     * Returns the public JWK of this key as JSON.
     *
     * @return the JWK, or empty for an HMAC key, which is never exported
     */
    public Optional<String> toPublicJwk() {
        return material.publicJwk().map(JWK::toJSONString);
    }

    /**
     * Returns this key as a JWK with its secret or private part, to store a generated key.
     * Treat the result as a secret.
     *
     * @return the private JWK as JSON
     * @throws IllegalStateException if this key is verify-only
     */
    public String toPrivateJwk() {
        return material.privateJwk().toJSONString();
    }

    KeyMaterial material() {
        return material;
    }

    @Override
    public String toString() {
        return "JwtKey[kid=" + kid() + ", alg=" + algorithm().jwsName() + ", " + (canSign() ? "signing" : "verify-only")
                + "]";
    }
}
