package dev.ward;

import dev.ward.store.LockoutPolicy;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.LoginAttempts;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Throttling of failed log-ins: per account (its normalised e-mail address) and, when the host
 * asks for it and passes one, per client address. A key is locked after a threshold of
 * consecutive failures, for a time that doubles with each further failure up to a ceiling;
 * accounts also have a hard ceiling after which only a reset unlocks them. The counts live in
 * the shared {@link LoginAttemptStore}, so the limit holds across nodes.
 */
final class LoginThrottle {

    /** Keys of client addresses; no account key can start like this (an e-mail has an '@'). */
    private static final String ADDRESS_PREFIX = "ip:";

    private final LoginAttemptStore attempts;
    private final Events events;
    private final boolean throttleAddresses;
    private final LockoutPolicy accountLockout;
    private final LockoutPolicy addressLockout;

    LoginThrottle(LoginAttemptStore attempts, AuthSettings settings, Events events) {
        this.attempts = attempts;
        this.events = events;
        this.throttleAddresses = settings.throttleClientAddress();
        this.accountLockout = lockout(settings, settings.lockoutThreshold(), settings.permanentLockoutThreshold());
        this.addressLockout = lockout(settings, settings.clientAddressLockoutThreshold(), Integer.MAX_VALUE);
    }

    private static LockoutPolicy lockout(AuthSettings settings, int threshold, int permanentThreshold) {
        Duration first = settings.lockoutDuration();
        Duration longest = settings.maxLockoutDuration();
        return (failures, now) -> {
            if (failures >= permanentThreshold) {
                return LoginAttempts.PERMANENT_LOCK;
            }
            if (failures < threshold) {
                return null;
            }
            int doublings = Math.min(failures - threshold, 30);
            Duration lock = first.multipliedBy(1L << doublings);
            return now.plus(lock.compareTo(longest) > 0 ? longest : lock);
        };
    }

    /**
     * Refuses an attempt while the account or the client's address is locked, before any
     * password work.
     *
     * @return the account's state, for {@link #succeeded}
     * @throws AuthException {@link AuthError#TOO_MANY_ATTEMPTS} while locked
     */
    Optional<LoginAttempts> requireUnlocked(String email, ClientInfo client, Instant now) {
        Optional<LoginAttempts> account = attempts.find(email);
        refuseIfLocked(account, email, client, now);
        String address = addressKey(client);
        if (address != null) {
            refuseIfLocked(attempts.find(address), email, client, now);
        }
        return account;
    }

    private void refuseIfLocked(Optional<LoginAttempts> state, String email, ClientInfo client, Instant now) {
        if (state.isPresent() && state.get().isLockedAt(now)) {
            Instant until = state.get().lockedUntil();
            events.emit(new AuthEvent.LogInFailed(now, email, null, AuthEvent.FailureReason.LOCKED, client));
            throw AuthException.tooManyAttempts(
                    LoginAttempts.PERMANENT_LOCK.equals(until) ? null : Duration.between(now, until));
        }
    }

    /** Counts a failure against the account and, when throttled, the client's address. */
    void failed(String email, ClientInfo client, Instant now) {
        recordFailure(email, accountLockout, now);
        String address = addressKey(client);
        if (address != null) {
            recordFailure(address, addressLockout, now);
        }
    }

    /** Forgets the account's failures after a success; no write when there were none. */
    void succeeded(String email, Optional<LoginAttempts> accountState) {
        if (accountState.isPresent()) {
            attempts.reset(email);
        }
    }

    /** Forgets the account's failures and lifts its lock, permanent ones included. */
    void reset(String email) {
        attempts.reset(email);
    }

    private void recordFailure(String key, LockoutPolicy lockout, Instant now) {
        LoginAttempts after = attempts.recordFailure(key, now, lockout);
        Instant lockEarned = lockout.lockedUntil(after.failures(), now);
        if (lockEarned != null && lockEarned.equals(after.lockedUntil())) {
            events.emit(new AuthEvent.LockedOut(now, key, after.failures(), after.lockedUntil()));
        }
    }

    private String addressKey(ClientInfo client) {
        return throttleAddresses && client.ip() != null ? ADDRESS_PREFIX + client.ip() : null;
    }
}
