package dev.ward;

import dev.ward.store.KnownDevice;
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
 * when the host sets {@link AuthSettings#permanentLockoutThreshold()}, accounts also have a hard
 * ceiling after which only a reset unlocks them. The counts live in the shared
 * {@link LoginAttemptStore}, so the limit holds across nodes.
 *
 * <p>An attempt from a known device (a valid device token of the account, OWASP's device-cookie
 * pattern) is counted under that device's own key instead, with the same doubling locks and
 * never a permanent one: failures from unknown clients do not lock the owner's devices out,
 * and a stolen device token is still throttled on its own.
 */
final class LoginThrottle {

    /** Keys of client addresses; no account key can start like this (an e-mail has an '@'). */
    private static final String ADDRESS_PREFIX = "ip:";
    /** Keys of known devices; no account key can start like this either. */
    private static final String DEVICE_PREFIX = "device:";

    private final LoginAttemptStore attempts;
    private final Events events;
    private final boolean throttleAddresses;
    private final LockoutPolicy accountLockout;
    private final LockoutPolicy deviceLockout;
    private final LockoutPolicy addressLockout;

    /**
     * The keys one attempt counts under, and the state of its main key when it was checked.
     *
     * @param key the account's e-mail, or the known device's key
     * @param deviceId the known device's id, or null for an unknown client
     * @param address the client address's key, or null
     * @param state the main key's state, for {@link #succeeded}
     */
    record Attempt(String key, String deviceId, String address, Optional<LoginAttempts> state) {
    }

    LoginThrottle(LoginAttemptStore attempts, AuthSettings settings, Events events) {
        this.attempts = attempts;
        this.events = events;
        this.throttleAddresses = settings.throttleClientAddress();
        int permanent = settings.permanentLockoutThreshold();
        this.accountLockout = lockout(settings, settings.lockoutThreshold(), permanent == 0 ? Integer.MAX_VALUE : permanent);
        this.deviceLockout = lockout(settings, settings.lockoutThreshold(), Integer.MAX_VALUE);
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

    /** See {@link #requireUnlocked(String, KnownDevice, ClientInfo, Instant)}, for an unknown client. */
    Attempt requireUnlocked(String email, ClientInfo client, Instant now) {
        return requireUnlocked(email, null, client, now);
    }

    /**
     * Refuses an attempt while its keys are locked, before any password work: a known device's
     * own key, or else the account's and (when throttled) the client address's.
     *
     * @param device the known device the attempt proved, or null for an unknown client
     * @return the keys, for {@link #failed} and {@link #succeeded}
     * @throws AuthException {@link AuthError#TOO_MANY_ATTEMPTS} while locked
     */
    Attempt requireUnlocked(String email, KnownDevice device, ClientInfo client, Instant now) {
        if (device != null) {
            String key = DEVICE_PREFIX + device.id();
            Optional<LoginAttempts> state = attempts.find(key);
            refuseIfLocked(state, email, device.id(), client, now);
            return new Attempt(key, device.id(), null, state);
        }
        Optional<LoginAttempts> account = attempts.find(email);
        refuseIfLocked(account, email, null, client, now);
        String address = addressKey(client);
        if (address != null) {
            refuseIfLocked(attempts.find(address), email, null, client, now);
        }
        return new Attempt(email, null, address, account);
    }

    private void refuseIfLocked(Optional<LoginAttempts> state, String email, String deviceId, ClientInfo client,
                                Instant now) {
        if (state.isPresent() && state.get().isLockedAt(now)) {
            Instant until = state.get().lockedUntil();
            events.emit(new AuthEvent.LogInFailed(now, email, null, AuthEvent.FailureReason.LOCKED, client, deviceId));
            throw AuthException.tooManyAttempts(
                    LoginAttempts.PERMANENT_LOCK.equals(until) ? null : Duration.between(now, until));
        }
    }

    /** Counts a failure of an unknown client against the account and, when throttled, the address. */
    void failed(String email, ClientInfo client, Instant now) {
        failed(new Attempt(email, null, addressKey(client), Optional.empty()), now);
    }

    /** Counts a failure against the attempt's keys. */
    void failed(Attempt attempt, Instant now) {
        recordFailure(attempt.key(), attempt.deviceId() == null ? accountLockout : deviceLockout, now);
        if (attempt.address() != null) {
            recordFailure(attempt.address(), addressLockout, now);
        }
    }

    /**
     * Forgets the main key's failures after a success; no write when there were none. A known
     * device's success leaves the account's count alone, so the owner's log-in does not give a
     * guesser a fresh start.
     */
    void succeeded(Attempt attempt) {
        if (attempt.state().isPresent()) {
            attempts.reset(attempt.key());
        }
    }

    /** Forgets the account's failures and lifts its lock, permanent ones included. */
    void reset(String email) {
        attempts.reset(email);
    }

    /**
     * Forgets a user's known devices, after the password changed: their device tokens stop
     * working (one may be in a thief's hands) and so do their locks; each device becomes known
     * again at its next successful log-in.
     */
    void forgetDevices(String userId) {
        attempts.deleteDevicesForUser(userId);
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
