package dev.ward.internal.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

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
 */
public final class RefreshTokens {

    /** Length of a session id: 16 bytes in base64url. */
    public static final int SESSION_ID_LENGTH = 22;
    private static final int FAMILY_BYTES = 16;
    private static final int SECRET_BYTES = 32;
    private static final int SECRETS_LENGTH = 64; // 48 bytes in base64url, no padding bits
    /** Length of a refresh token. */
    public static final int TOKEN_LENGTH = SESSION_ID_LENGTH + 1 + SECRETS_LENGTH;

    private static final SecureRandom RANDOM = new SecureRandom();
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
        byte[] both = new byte[FAMILY_BYTES + SECRET_BYTES];
        System.arraycopy(familySecret, 0, both, 0, FAMILY_BYTES);
        System.arraycopy(secret, 0, both, FAMILY_BYTES, SECRET_BYTES);
        String token = sessionId + "." + Base64Url.encode(both);
        String hash = sha256(secret);
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(both, (byte) 0);
        return new Issued(token, hash);
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
        Parsed parsed = new Parsed(token.substring(0, SESSION_ID_LENGTH), family, sha256(family), sha256(secret));
        Arrays.fill(secret, (byte) 0);
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
     */
    public record Issued(String token, String secretHash) {
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
     */
    public record Parsed(String sessionId, byte[] familySecret, String familyHash, String secretHash) {
        @Override
        public String toString() {
            return "Parsed[sessionId=" + sessionId + ", secrets=***]";
        }
    }
}
