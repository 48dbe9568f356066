package dev.ward;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.ward.internal.token.KeyLoading;
import dev.ward.internal.token.KeyMaterial;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of an {@link AuthManager} or {@link AccessTokenVerifier}: at most one signing key
 * and any number of verify-only keys, each with its own {@code kid}. Immutable and thread-safe.
 *
 * <p>Rotating keys without logging anyone out, on every node and resource server (see
 * {@code docs/keys.md}):
 * <ol>
 *   <li>add the new key, verify-only: {@code KeySet.of(oldKey, newKey)} (for a key pair, its
 *       public half is enough here);</li>
 *   <li>once every node has it, sign with it: {@code KeySet.of(newKey, oldKey)};</li>
 *   <li>once the last node switched, wait the longest access-token lifetime plus the clock
 *       skew, then retire the old key: {@code KeySet.of(newKey)}. Its tokens are refused from
 *       then on, and by then they have all expired.</li>
 * </ol>
 * Step 1 ensures that no node sees a token signed by a key it does not know yet.
 *
 * <p>Within a set every {@code kid} is unique, so one kid never names both an HMAC secret and
 * a public key.
 */
public final class KeySet {

    private final JwtKey signingKey;
    private final List<JwtKey> keys;

    private KeySet(JwtKey signingKey, List<JwtKey> keys) {
        Set<String> kids = new HashSet<>();
        for (JwtKey key : keys) {
            if (!kids.add(key.kid())) {
                throw new IllegalArgumentException("two keys have the kid " + key.kid());
            }
        }
        this.signingKey = signingKey;
        this.keys = List.copyOf(keys);
    }

    /**
     * Makes a key set that signs with one key and also verifies with others.
     *
     * @param signingKey the key that signs new tokens; it verifies too
     * @param verifyOnly more keys that only verify, for example the previous signing key or
     *     the next one; their private parts, if any, are dropped
     * @return the key set
     * @throws IllegalArgumentException if {@code signingKey} cannot sign or two keys share a kid
     * @throws NullPointerException if a key is null
     */
    public static KeySet of(JwtKey signingKey, JwtKey... verifyOnly) {
        Objects.requireNonNull(signingKey, "signingKey");
        if (!signingKey.canSign()) {
            throw new IllegalArgumentException("the signing key " + signingKey.kid() + " is verify-only");
        }
        List<JwtKey> all = new ArrayList<>();
        all.add(signingKey);
        for (JwtKey key : verifyOnly) {
            all.add(Objects.requireNonNull(key, "verifyOnly key").verifyOnly());
        }
        return new KeySet(signingKey, all);
    }

    /**
     * Makes a key set that only verifies, for an {@link AccessTokenVerifier}.
     *
     * @param keys the keys; private parts are dropped (an HS256 secret stays: it is what
     *     verifies)
     * @return the key set
     * @throws IllegalArgumentException if there are no keys or two share a kid
     * @throws NullPointerException if the collection or a key is null
     */
    public static KeySet verifyOnly(Collection<JwtKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key set needs at least one key");
        }
        List<JwtKey> all = new ArrayList<>();
        for (JwtKey key : keys) {
            all.add(Objects.requireNonNull(key, "key").verifyOnly());
        }
        return new KeySet(null, all);
    }

    /**
     * Reads a JWKS document (RFC 7517) of public keys into a verify-only key set, as a resource
     * server gets it from the issuer's {@code /.well-known/jwks.json}.
     *
     * @param json the JWKS JSON
     * @return the key set
     * @throws IllegalArgumentException if the document is invalid, empty, holds a key Ward does
     *     not support, or holds secret or private material
     */
    public static KeySet fromJwks(String json) {
        Objects.requireNonNull(json, "json");
        List<JwtKey> all = new ArrayList<>();
        for (KeyMaterial material : KeyLoading.fromJwks(json, true)) {
            all.add(JwtKey.of(material));
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the JWKS document has no keys; an issuer that signs with HS256 "
                    + "publishes none: build the verifier from the shared secret with JwtKey.hmac(...) instead");
        }
        return new KeySet(null, all);
    }

    /**
     * Returns the signing key.
     *
     * @return the signing key, or empty for a verify-only set
     */
    public Optional<JwtKey> signingKey() {
        return Optional.ofNullable(signingKey);
    }

    /**
     * Returns every key, the signing key first.
     *
     * @return the keys
     */
    public List<JwtKey> keys() {
        return keys;
    }

    /**
     * Returns the public JWKS document of this set: the public keys only. HMAC keys are never
     * exported, so a set of HMAC keys gives {@code {"keys":[]}}.
     *
     * @return the JWKS JSON
     */
    public String toPublicJwks() {
        List<JWK> jwks = new ArrayList<>();
        for (JwtKey key : keys) {
            key.material().publicJwk().ifPresent(jwks::add);
        }
        return new JWKSet(jwks).toString(true);
    }

    List<KeyMaterial> materials() {
        List<KeyMaterial> materials = new ArrayList<>();
        for (JwtKey key : keys) {
            materials.add(key.material());
        }
        return materials;
    }

    @Override
    public String toString() {
        return "KeySet[signing=" + (signingKey == null ? "none" : signingKey.kid()) + ", keys=" + keys + "]";
    }
}
