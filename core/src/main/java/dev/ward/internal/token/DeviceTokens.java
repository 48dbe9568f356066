package dev.ward.internal.token;

import java.util.Arrays;

/**
 * Device tokens: {@code deviceId.secret}, a 128-bit id and a 256-bit secret, both base64url.
 * The store keeps the id and the SHA-256 of the secret only.
 */
public final class DeviceTokens {

    private static final int ID_BYTES = 16;
    private static final int SECRET_BYTES = 32;
    private static final int ID_LENGTH = 22;
    private static final int SECRET_LENGTH = 43;
    private static final int TOKEN_LENGTH = ID_LENGTH + 1 + SECRET_LENGTH;

    private DeviceTokens() {
    }

    /**
     * A new device token and what the store keeps of it.
     *
     * @param id the device id
     * @param token the whole token, for the client only
     * @param secretHash the hash of its secret, for the store
     */
    public record Issued(String id, String token, String secretHash) {
        @Override
        public String toString() {
            return "Issued[id=" + id + ", token=***, secretHash=***]";
        }
    }

    /**
     * The parts of a presented device token.
     *
     * @param id the device id
     * @param secretHash the hash of the presented secret
     */
    public record Parsed(String id, String secretHash) {
        @Override
        public String toString() {
            return "Parsed[id=" + id + ", secretHash=***]";
        }
    }

    /**
     * Issues a new random device token.
     *
     * @return the token and its stored parts
     */
    public static Issued issue() {
        String id = Base64Url.encode(RefreshTokens.randomBytes(ID_BYTES));
        byte[] secret = RefreshTokens.randomBytes(SECRET_BYTES);
        Issued issued = new Issued(id, id + "." + Base64Url.encode(secret), RefreshTokens.sha256(secret));
        Arrays.fill(secret, (byte) 0);
        return issued;
    }

    /**
     * Splits a presented token.
     *
     * @param token the token; may be null
     * @return the parts, or null when the token does not have the exact shape of a device token
     */
    public static Parsed parse(String token) {
        if (token == null || token.length() != TOKEN_LENGTH || token.charAt(ID_LENGTH) != '.') {
            return null;
        }
        String id = token.substring(0, ID_LENGTH);
        byte[] idBytes = Base64Url.decode(id);
        if (idBytes == null || idBytes.length != ID_BYTES) {
            return null;
        }
        byte[] secret = Base64Url.decode(token.substring(ID_LENGTH + 1));
        if (secret == null || secret.length != SECRET_BYTES) {
            return null;
        }
        Parsed parsed = new Parsed(id, RefreshTokens.sha256(secret));
        Arrays.fill(secret, (byte) 0);
        return parsed;
    }
}
