package dev.ward.internal.token;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes, parses and hashes opaque refresh tokens.
 *
 * <p>A refresh token is {@code <session id>.<family secret + rotating secret>}: the session id
 * is 16 random bytes, the family secret 16 random bytes fixed for the session's life, the
 * rotating secret 32 random bytes (256 bits) new at every rotation, all base64url. The store
 * keeps only SHA-256 of each secret. The family secret proves that a token that matches
 * neither the current nor the previous secret was really issued for the session (an older
 * token, so reuse), rather than made up by someone who only knows the session id, which
 * appears in access tokens.
 *
 * <p>At each rotation from a secret <i>s</i> to its successor <i>s'</i>, the store also keeps
 * the <em>successor mask</em> <i>s'</i> XOR pad(<i>s</i>), where pad(<i>s</i>) is
 * HMAC-SHA-256 keyed by <i>s</i> over {@value #PAD_LABEL} and the session id. Only a caller
 * presenting <i>s</i> can compute the pad, so a refresh inside the grace window gets back
 * exactly <i>s'</i>, while the stored row (SHA-256 of <i>s</i>, which is not the pad, and the
 * mask) yields nothing usable (SECURITY.md).
 */
public final class RefreshTokens {

    /** Length of a session id: 16 bytes in base64url. */
    public static final int SESSION_ID_LENGTH = 22;
    private static final int FAMILY_BYTES = 16;
    private static final int SECRET_BYTES = 32;
    private static final int SECRETS_LENGTH = 64; // 48 bytes in base64url, no padding bits
    /** Length of a refresh token. */
    public static final int TOKEN_LENGTH = SESSION_ID_LENGTH + 1 + SECRETS_LENGTH;

    /** The domain label of the successor pad, so that it is never equal to a stored hash. */
    static final String PAD_LABEL = "ward refresh successor v1";
    private static final byte[] PAD_LABEL_BYTES = PAD_LABEL.getBytes(StandardCharsets.US_ASCII);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Mac> HMAC_SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    });
    /** One digest per thread: looking one up through the JCA costs more than hashing 32 bytes. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    private RefreshTokens() {
    }

    /**
     * Returns {@code n} random bytes from a shared {@link SecureRandom}.
     *
     * @param n how many
     * @return the bytes
     */
    public static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Returns a new random session id.
     *
     * @return 22 characters of base64url
     */
    public static String newSessionId() {
        return Base64Url.encode(randomBytes(16));
    }

    /**
     * Returns a new random family secret.
     *
     * @return 16 random bytes
     */
    public static byte[] newFamilySecret() {
        return randomBytes(FAMILY_BYTES);
    }

    /**
     * Issues a token for a session: the family secret with a fresh rotating secret.
     *
     * @param sessionId the session id
     * @param familySecret the session's family secret
     * @return the token and the hash of its rotating secret
     */
    public static Issued issue(String sessionId, byte[] familySecret) {
        byte[] secret = randomBytes(SECRET_BYTES);
        Issued issued = token(sessionId, familySecret, secret, null);
        Arrays.fill(secret, (byte) 0);
        return issued;
    }

    /**
     * Issues the successor of a presented token: a fresh rotating secret, and its mask for the
     * holder of the presented one.
     *
     * @param presented the presented token, whose rotating secret keys the pad
     * @return the token, the hash of its rotating secret, and the successor mask, for the store
     */
    public static Issued successor(Parsed presented) {
        byte[] secret = randomBytes(SECRET_BYTES);
        byte[] mask = pad(presented);
        xor(mask, secret);
        Issued issued = token(presented.sessionId(), presented.familySecret(), secret, Base64Url.encode(mask));
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(mask, (byte) 0);
        return issued;
    }

    /**
     * Rebuilds the successor of a presented token from the mask its rotation stored: the very
     * token that rotation handed out.
     *
     * @param presented the presented token, whose rotating secret keys the pad
     * @param successorMask the mask the store keeps, may be null
     * @param expectedHash the hash the store keeps for the successor
     * @return the successor (with the same mask), or null when the mask is absent, malformed, or
     *     does not unmask to a secret of {@code expectedHash}
     */
    public static Issued unmask(Parsed presented, String successorMask, String expectedHash) {
        byte[] secret = successorMask == null ? null : Base64Url.decode(successorMask);
        if (secret == null || secret.length != SECRET_BYTES) {
            return null;
        }
        byte[] pad = pad(presented);
        xor(secret, pad);
        Arrays.fill(pad, (byte) 0);
        Issued issued = token(presented.sessionId(), presented.familySecret(), secret, successorMask);
        Arrays.fill(secret, (byte) 0);
        return hashesEqual(issued.secretHash(), expectedHash) ? issued : null;
    }

    /** HMAC-SHA-256 keyed by the presented rotating secret, over the label and the session id. */
    private static byte[] pad(Parsed presented) {
        Mac mac = HMAC_SHA_256.get();
        try {
            mac.init(new SecretKeySpec(presented.secret, "HmacSHA256"));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 refused a 32-byte key", e);
        }
        mac.update(PAD_LABEL_BYTES);
        mac.update(presented.sessionId().getBytes(StandardCharsets.US_ASCII));
        return mac.doFinal();
    }

    private static void xor(byte[] into, byte[] other) {
        for (int i = 0; i < into.length; i++) {
            into[i] ^= other[i];
        }
    }

    private static Issued token(String sessionId, byte[] familySecret, byte[] secret, String successorMask) {
        byte[] both = new byte[FAMILY_BYTES + SECRET_BYTES];
        System.arraycopy(familySecret, 0, both, 0, FAMILY_BYTES);
        System.arraycopy(secret, 0, both, FAMILY_BYTES, SECRET_BYTES);
        String token = sessionId + "." + Base64Url.encode(both);
        String hash = sha256(secret);
        Arrays.fill(both, (byte) 0);
        return new Issued(token, hash, successorMask);
    }

    /**
     * Parses a presented token.
     *
     * @param token the token; may be null
     * @return the parts, or null when the token does not have the exact shape of a refresh
     *     token
     */
    public static Parsed parse(String token) {
        if (token == null || token.length() != TOKEN_LENGTH || token.charAt(SESSION_ID_LENGTH) != '.') {
            return null;
        }
        // Any character outside Latin-1 becomes '?', which base64url refuses.
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        byte[] id = Base64Url.decode(ascii, 0, SESSION_ID_LENGTH);
        byte[] secrets = Base64Url.decode(ascii, SESSION_ID_LENGTH + 1, TOKEN_LENGTH);
        if (id == null || id.length != 16 || secrets == null || secrets.length != FAMILY_BYTES + SECRET_BYTES) {
            return null;
        }
        byte[] family = Arrays.copyOfRange(secrets, 0, FAMILY_BYTES);
        byte[] secret = Arrays.copyOfRange(secrets, FAMILY_BYTES, secrets.length);
        Parsed parsed = new Parsed(token.substring(0, SESSION_ID_LENGTH), family, sha256(family), sha256(secret),
                secret);
        Arrays.fill(secrets, (byte) 0);
        return parsed;
    }

    /**
     * Tells whether a text has the shape of a session id.
     *
     * @param id the text; may be null
     * @return true for 22 characters of canonical base64url
     */
    public static boolean isSessionId(String id) {
        if (id == null || id.length() != SESSION_ID_LENGTH) {
            return false;
        }
        byte[] bytes = Base64Url.decode(id);
        return bytes != null && bytes.length == 16;
    }

    /**
     * Hashes secret bytes as the store keeps them.
     *
     * @param secret the secret
     * @return base64url of its SHA-256 (43 characters)
     */
    public static String sha256(byte[] secret) {
        return Base64Url.encode(SHA_256.get().digest(secret));
    }

    /**
     * Compares two stored hashes in constant time.
     *
     * @param a one hash, may be null
     * @param b the other, may be null
     * @return true when both are non-null and equal
     */
    public static boolean hashesEqual(String a, String b) {
        if (a == null || b == null || a.length() != b.length()) {
            return false;
        }
        // Constant time in the content: every character is compared, whatever differs first.
        int difference = 0;
        for (int i = 0; i < a.length(); i++) {
            difference |= a.charAt(i) ^ b.charAt(i);
        }
        return difference == 0;
    }

    /**
     * A freshly issued token.
     *
     * @param token the token to hand to the client
     * @param secretHash the hash of its rotating secret, for the store
     * @param successorMask its secret masked for the holder of the token it succeeds, for the
     *     store; null for the first token of a session
     */
    public record Issued(String token, String secretHash, String successorMask) {
        @Override
        public String toString() {
            return "Issued[token=***]";
        }
    }

    /**
     * A presented token, taken apart.
     *
     * @param sessionId the session id it names
     * @param familySecret its family secret, needed to issue the next token
     * @param familyHash the hash of its family secret
     * @param secretHash the hash of its rotating secret
     * @param secret its rotating secret, which keys the successor pad; clear it with
     *     {@link #clear()} when done
     */
    public record Parsed(String sessionId, byte[] familySecret, String familyHash, String secretHash,
                         byte[] secret) {

        /** Overwrites the secrets this parse holds. */
        public void clear() {
            Arrays.fill(familySecret, (byte) 0);
            Arrays.fill(secret, (byte) 0);
        }

        @Override
        public String toString() {
            return "Parsed[sessionId=" + sessionId + ", secrets=***]";
        }
    }
}
