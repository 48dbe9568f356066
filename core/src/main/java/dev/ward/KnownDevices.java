package dev.ward;

import dev.ward.internal.token.DeviceTokens;
import dev.ward.internal.token.RefreshTokens;
import dev.ward.store.KnownDevice;
import dev.ward.store.LoginAttemptStore;
import java.time.Duration;
import java.time.Instant;

/**
 * Device tokens (OWASP's device-cookie pattern): recognises the token a client presents with
 * its log-in, and hands out one after a successful log-in. A token counts only for the user it
 * was issued to, until it expires; anything else (malformed, unknown, expired, forged, another
 * user's) is an unknown client, with no distinct answer.
 */
final class KnownDevices {

    /**
     * The device token to hand back after a successful log-in.
     *
     * @param token the token
     * @param expiresAt when it stops counting
     */
    record Confirmed(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Confirmed[token=***, expiresAt=" + expiresAt + "]";
        }
    }

    private final LoginAttemptStore store;
    private final Duration lifetime;

    KnownDevices(LoginAttemptStore store, AuthSettings settings) {
        this.store = store;
        this.lifetime = settings.deviceTokenLifetime();
    }

    /**
     * Returns the device a presented token proves, or null for an unknown client. The store is
     * read for any well-formed token, whether or not the account exists, so that the work does
     * not tell registered addresses apart.
     *
     * @param token the presented token; may be null
     * @param userId the id of the account being logged into, or null when there is none
     */
    KnownDevice recognise(String token, String userId, Instant now) {
        if (token == null || lifetime.isZero()) {
            return null;
        }
        DeviceTokens.Parsed parsed = DeviceTokens.parse(token);
        if (parsed == null) {
            return null;
        }
        KnownDevice device = store.findDevice(parsed.id()).orElse(null);
        if (device == null || !RefreshTokens.hashesEqual(parsed.secretHash(), device.secretHash())) {
            return null;
        }
        return device.userId().equals(userId) && device.isValidAt(now) ? device : null;
    }

    /**
     * After a successful log-in: the presented token again when it was recognised (no write),
     * else a new one, stored. Null when device tokens are off.
     */
    Confirmed confirm(String presented, KnownDevice recognised, String userId, Instant now) {
        if (recognised != null) {
            return new Confirmed(presented, recognised.expiresAt());
        }
        if (lifetime.isZero()) {
            return null;
        }
        DeviceTokens.Issued issued = DeviceTokens.issue();
        Instant expiresAt = now.plus(lifetime);
        store.saveDevice(new KnownDevice(issued.id(), userId, issued.secretHash(), now, expiresAt));
        return new Confirmed(issued.token(), expiresAt);
    }
}
