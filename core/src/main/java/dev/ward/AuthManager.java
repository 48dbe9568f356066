package dev.ward;

import dev.ward.internal.password.BcryptPasswordHasher;
import dev.ward.internal.password.PasswordEncoding;
import dev.ward.internal.password.PasswordHasher;
import dev.ward.internal.token.AccessTokenCodec;
import dev.ward.internal.validation.Emails;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.OneTimeTokenStore;
import dev.ward.store.StoreException;
import dev.ward.store.TokenStore;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Password sign-up and log-in with short-lived access tokens and rotating refresh tokens, over
 * pluggable stores. The one entry point of Ward.
 *
 * <pre>{@code
 * AuthManager auth = AuthManager.builder()
 *         .userRepository(new InMemoryUserRepository())
 *         .tokenStore(new InMemoryTokenStore())
 *         .loginAttemptStore(new InMemoryLoginAttemptStore())
 *         .signingKey(JwtKey.hmac("k1", secretOf32OrMoreBytes))
 *         .build();
 *
 * auth.signUp(new SignUpRequest("alice", "alice@example.com", "correct horse battery"));
 * TokenPair tokens = auth.logIn(new LogInRequest("alice@example.com", "correct horse battery"));
 * AuthenticatedUser user = auth.authenticate(tokens.accessToken());   // on every request
 * TokenPair next = auth.refresh(tokens.refreshToken());               // when the access token expires
 * auth.logOut(next.refreshToken());
 * }</pre>
 *
 * <p>Immutable and thread-safe: one instance serves the whole application, and any number of
 * instances on any number of nodes may share one set of stores. Every method that reads the
 * time uses the configured {@link Clock}.
 *
 * <p>Failures: every problem with the caller's input (malformed request, wrong password,
 * bad or expired token) is an {@link AuthException} with a stable {@link AuthError}. A failure
 * of a store is a {@link StoreException} and never an {@code AuthException}, so that a
 * database outage is reported as one (typically HTTP 503) and never logs anyone out.
 * Messages, events, logs and {@code toString()} never contain a password, hash, token or key.
 */
public final class AuthManager {

    // This class documents and delegates. Each job lives in a package-private collaborator:
    // SignUps, LogIns (with LoginThrottle, KnownDevices and Passwords), SessionRotation (start and refresh),
    // SessionRevocation (log-out, devices, revocations), PasswordChanges, StrictSessions, and
    // Events (the listener); AccessTokenCodec in dev.ward.internal.token holds the token rules.
    // The account lifecycle: OneTimeTokens (the single-use token engine), EmailVerifications,
    // PasswordResets, EmailChanges, LogInLinks (with MailedLinks, LinkRequestThrottle and Notifications), and
    // AccountStatus (disable, enable, delete); Reauthentication proves the current password.

    /** Failed log-ins older than this, on an unlocked key, are forgotten by {@link #purgeExpired}. */
    private static final Duration STALE_ATTEMPTS = Duration.ofDays(1);

    private final UserRepository users;
    private final TokenStore tokens;
    private final LoginAttemptStore attempts;
    private final KeySet keys;
    private final AuthSettings settings;
    /** Reads the time in whole milliseconds, the precision every store keeps. */
    private final Clock clock;
    private final AccessTokenCodec codec;
    private final AccessTokenVerifier verifier;
    private final LoginThrottle throttle;
    private final SignUps signUps;
    private final LogIns logIns;
    private final SessionRotation rotation;
    private final SessionRevocation revocation;
    private final PasswordChanges passwordChanges;
    /** Null unless {@link AuthSettings#strictSessions()} is on. */
    private final StrictSessions strictSessions;
    private final AccountStatus accountStatus;
    /** These four and {@link #oneTimeTokens} are null when the builder got no one-time token store. */
    private final EmailVerifications verifications;
    private final PasswordResets passwordResets;
    private final EmailChanges emailChanges;
    private final LogInLinks logInLinks;
    private final OneTimeTokens oneTimeTokens;

    private AuthManager(Builder b, PasswordHasher hasher, PasswordEncoding encoding) {
        this.users = b.users;
        this.tokens = b.tokens;
        this.attempts = b.attempts;
        this.keys = b.keys;
        this.settings = b.settings == null ? AuthSettings.defaults() : b.settings;
        Clock baseClock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.clock = Clock.tick(baseClock, Duration.ofMillis(1));
        PasswordPolicy policy = b.policy == null ? PasswordPolicy.defaults() : b.policy;
        Events events = new Events(b.listener == null ? AuthEventListener.NONE : b.listener);
        this.codec = new AccessTokenCodec(keys.materials(), keys.signingKey().orElseThrow().material(),
                settings.issuer(), settings.audience(), settings.clockSkew(), baseClock,
                settings.verifiedTokenCacheSize(), settings.ed25519Provider() == Ed25519Provider.TINK);
        this.verifier = new AccessTokenVerifier(codec, keys);
        StrictSessions strict = new StrictSessions(tokens, users, baseClock, settings);
        this.strictSessions = settings.strictSessions() ? strict : null;
        Passwords passwords = new Passwords(policy, hasher, encoding);
        this.throttle = new LoginThrottle(attempts, settings, events);
        this.revocation = new SessionRevocation(tokens, strict, events, clock);
        this.rotation = new SessionRotation(users, tokens, codec, revocation, events, clock, settings);
        this.logIns = new LogIns(users, throttle, new KnownDevices(attempts, settings), passwords, rotation, events,
                clock, settings);
        Reauthentication reauthentication = new Reauthentication(users, tokens, throttle, passwords, clock);
        Notifications notifications = new Notifications(b.notifier == null ? Notifier.NONE : b.notifier);
        this.oneTimeTokens = b.oneTimeTokenStore == null ? null : new OneTimeTokens(b.oneTimeTokenStore, clock);
        this.passwordChanges = new PasswordChanges(users, reauthentication, throttle, passwords, rotation, revocation,
                events, notifications, oneTimeTokens, clock);
        LinkRequestThrottle linkThrottle = new LinkRequestThrottle(attempts);
        if (oneTimeTokens == null) {
            this.verifications = null;
            this.passwordResets = null;
            this.emailChanges = null;
            this.logInLinks = null;
        } else {
            MailedLinks links = new MailedLinks(users, oneTimeTokens, linkThrottle, notifications, events, clock);
            this.verifications = new EmailVerifications(users, oneTimeTokens, links, events, clock, settings);
            this.passwordResets = new PasswordResets(users, oneTimeTokens, links, passwordChanges, clock, settings);
            this.emailChanges = new EmailChanges(users, reauthentication, oneTimeTokens, links, events, clock, settings);
            this.logInLinks = new LogInLinks(users, oneTimeTokens, links, rotation, events, clock, settings);
        }
        this.signUps = new SignUps(users, passwords, verifications, events, clock, settings);
        this.accountStatus = new AccountStatus(users, tokens, attempts, oneTimeTokens, reauthentication, revocation,
                throttle, linkThrottle, events, clock);
    }

    /**
     * Returns a builder. The three stores and a signing key are required; everything else has
     * a default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ sign-up

    /**
     * Creates an account with the role {@code user}.
     *
     * <p>The request is validated as a whole and every problem is reported at once: the user
     * name (1 to 100 characters), the e-mail address (normalised first: trimmed, NFKC,
     * lower-case), and the password against the {@link PasswordPolicy}. The password is
     * stored as a bcrypt hash only. With a {@link Builder#oneTimeTokenStore one-time token
     * store}, the new account is sent a link to verify its address (see {@link #verifyEmail}).
     *
     * <pre>{@code
     * UserAccount alice = auth.signUp(new SignUpRequest("alice", "Alice@Example.com", "correct horse battery"));
     * }</pre>
     *
     * @param request the user name, e-mail address and password
     * @return the new account (its e-mail normalised); with
     *     {@link AuthSettings#concealDuplicateSignUp()}, a look-alike that is not stored when
     *     the address was taken
     * @throws AuthException {@link AuthError#INVALID_REQUEST} with every violation;
     *     {@link AuthError#EMAIL_TAKEN} when the address has an account (unless concealed)
     * @throws StoreException if a store fails
     */
    public UserAccount signUp(SignUpRequest request) {
        return signUps.signUp(request);
    }

    // ------------------------------------------------------------------ log-in

    /**
     * Logs in without client information; see {@link #logIn(LogInRequest)}.
     *
     * @param email the e-mail address
     * @param password the password
     * @return the tokens of the new session
     * @throws AuthException as {@link #logIn(LogInRequest)}
     * @throws StoreException if a store fails
     */
    public TokenPair logIn(String email, String password) {
        return logIn(new LogInRequest(email, password));
    }

    /**
     * Checks an e-mail address and password and starts a new session.
     *
     * <p>An unknown address and a wrong password give the same error after the same work (a
     * bcrypt check against a dummy hash), so neither the answer nor its timing tells which
     * addresses are registered. Failures are counted per account (and per client address when
     * {@link AuthSettings#throttleClientAddress()} is on); a locked account is refused without
     * running bcrypt. A stored hash with a lower cost than configured is re-hashed on success.
     * Each log-in starts its own session, so logging in on a phone leaves the laptop logged in.
     *
     * <p>Known devices (OWASP's device-cookie pattern): a successful log-in also returns a
     * {@link TokenPair#deviceToken() device token}, long-lived
     * ({@link AuthSettings#deviceTokenLifetime()}), stored only as a hash and bound to the user.
     * A client that sends it with its next log-ins ({@link LogInRequest#deviceToken()}) is
     * counted under that device alone: failures from unknown clients, however many, do not
     * lock it out, and its own failures lock it with the same doubling schedule. A token that is
     * unknown, expired, forged or another user's counts as an unknown client, without an error.
     *
     * <pre>{@code
     * TokenPair tokens = auth.logIn(new LogInRequest(email, password, new ClientInfo(ip, userAgent), deviceToken));
     * }</pre>
     *
     * @param request the e-mail address, password, client information and device token
     * @return the tokens of the new session, and the device token to keep (the presented one
     *     again when it was valid)
     * @throws AuthException {@link AuthError#INVALID_REQUEST} for a missing or oversized field, or
     *     an e-mail address without {@code @} (no account can have one);
     *     {@link AuthError#INVALID_CREDENTIALS} for a wrong address or password;
     *     {@link AuthError#TOO_MANY_ATTEMPTS} with a retry-after while the account or address (for
     *     an unknown client) or the known device is locked; and only when the password was right:
     *     {@link AuthError#ACCOUNT_DISABLED} for a disabled account,
     *     {@link AuthError#EMAIL_NOT_VERIFIED} for an unverified address when
     *     {@link AuthSettings#requireVerifiedEmail()} is on
     * @throws StoreException if a store fails
     */
    public TokenPair logIn(LogInRequest request) {
        return logIns.logIn(request);
    }

    /**
     * Forgets the failed log-ins of an account and lifts its lock, permanent ones included:
     * for example after the owner proved control of the address by resetting the password.
     *
     * <p>An address that no account can have (control or invisible characters, longer than 254
     * characters once normalised) has nothing to forget: the call does nothing, and never
     * reaches the store with text the store may refuse.
     *
     * @param email the account's e-mail address (normalised here)
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code email} is null
     */
    public void resetLoginAttempts(String email) {
        Objects.requireNonNull(email, "email");
        String normalized = Emails.normalize(email);
        if (Emails.couldBelongToAccount(normalized)) {
            throttle.reset(normalized);
        }
    }

    // ------------------------------------------------------------------ sessions and tokens

    /**
     * Refreshes without client information; see {@link #refresh(String, ClientInfo)}.
     *
     * @param refreshToken the refresh token
     * @return the new pair
     * @throws AuthException as {@link #refresh(String, ClientInfo)}
     * @throws StoreException if a store fails
     */
    public TokenPair refresh(String refreshToken) {
        return refresh(refreshToken, ClientInfo.UNKNOWN);
    }

    /**
     * Exchanges a refresh token for a new access token and a new refresh token (rotation).
     *
     * <p>The presented token must be the session's current one; exactly one of any number of
     * concurrent callers, on any number of nodes, wins that exchange. A token that was current
     * until a moment ago is accepted again inside the grace window
     * ({@link AuthSettings#refreshReuseGrace()}, measured from the rotation, never sliding) and
     * gets <em>the same</em> refresh token the winning caller got, with a fresh access token and
     * without a store write: two tabs that refresh at once, or a client that retries after a
     * lost answer, end up holding one valid token, so the session never forks. With a grace of
     * zero, every caller but the winner is treated as reuse. Any other token of the
     * session (an older one, or the previous one after the window) means the token was copied:
     * the session is revoked and the caller gets {@link AuthError#REFRESH_TOKEN_REUSED}. Roles
     * are read again from the user store, so a role change shows at the next refresh.
     *
     * <pre>{@code
     * TokenPair next = auth.refresh(tokens.refreshToken(), new ClientInfo(ip, userAgent));
     * }</pre>
     *
     * @param refreshToken the refresh token
     * @param client what the host knows of the client; may be null
     * @return the new pair; the presented token must not be used again once the grace window
     *     has closed
     * @throws AuthException {@link AuthError#INVALID_REQUEST} when no token is given;
     *     {@link AuthError#INVALID_TOKEN} when it is malformed, unknown, forged or its session
     *     has ended; {@link AuthError#TOKEN_EXPIRED} when its session has expired;
     *     {@link AuthError#REFRESH_TOKEN_REUSED} when it was used before (the session is now revoked)
     * @throws StoreException if a store fails; the session is then either rotated or untouched
     */
    public TokenPair refresh(String refreshToken, ClientInfo client) {
        requireToken(refreshToken, "refreshToken");
        return rotation.refresh(refreshToken, client == null ? ClientInfo.UNKNOWN : client);
    }

    /**
     * Ends the session of a refresh token. Idempotent: logging out twice, or with a token that
     * is unknown, malformed or of an ended session, does nothing and is not an error (as in the
     * original tutorial). Only a token issued for the session can end it.
     *
     * @param refreshToken the refresh token of the session to end
     * @throws AuthException {@link AuthError#INVALID_REQUEST} when no token is given
     * @throws StoreException if the store fails
     */
    public void logOut(String refreshToken) {
        requireToken(refreshToken, "refreshToken");
        revocation.logOut(refreshToken);
    }

    /**
     * Ends every session of a user: log out everywhere.
     *
     * @param userId the user's id
     * @return how many sessions were ended
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code userId} is null
     */
    public int logOutEverywhere(String userId) {
        Objects.requireNonNull(userId, "userId");
        return revocation.revokeAll(userId, null, RevocationReason.LOGOUT_EVERYWHERE);
    }

    /**
     * Lists a user's active sessions, newest first, for a "your devices" page.
     *
     * @param userId the user's id
     * @return the sessions; empty for an unknown user
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code userId} is null
     */
    public List<SessionInfo> sessions(String userId) {
        Objects.requireNonNull(userId, "userId");
        return revocation.list(userId);
    }

    /**
     * Ends one session of a user, for a "sign out this device" button.
     *
     * @param userId the user who owns the session
     * @param sessionId the session
     * @return true when it was an active session of that user and is now ended; false when it
     *     is unknown, belongs to someone else, or had already ended
     * @throws StoreException if the store fails
     * @throws NullPointerException if an argument is null
     */
    public boolean revokeSession(String userId, String sessionId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        return revocation.revokeOne(userId, sessionId);
    }

    // ------------------------------------------------------------------ per request

    /**
     * Verifies an access token, as every protected request should.
     *
     * <p>The rules: at most 8 KiB; a signed JWT with {@code typ: at+jwt}; the algorithm pinned
     * to the key its {@code kid} names; a valid signature; the configured issuer and audience;
     * not expired, not before its {@code nbf} or {@code iat}, with the configured clock skew.
     * A refresh token presented here is refused. With
     * {@link AuthSettings#strictSessions()} on, the token's session must also still be active,
     * so log-out ends access at once, and the roles returned are those the user store holds
     * now, so a demotion takes effect at once; otherwise an access token stays valid, with the
     * roles it carries, until it expires.
     *
     * <pre>{@code
     * AuthenticatedUser user = auth.authenticate(bearerToken);
     * user.requireAnyRole("admin", "super_admin");
     * }</pre>
     *
     * @param accessToken the token, as sent in {@code Authorization: Bearer ...}
     * @return who the token speaks for
     * @throws AuthException {@link AuthError#TOKEN_EXPIRED} when it has expired,
     *     {@link AuthError#INVALID_TOKEN} for anything else wrong with it (with strict sessions,
     *     also when its session has ended or its user no longer exists)
     * @throws StoreException if strict sessions are on and the store fails
     */
    public AuthenticatedUser authenticate(String accessToken) {
        AuthenticatedUser user = codec.verify(accessToken);
        return strictSessions == null ? user : strictSessions.requireActive(user);
    }

    /**
     * Returns a verifier with this manager's keys, issuer, audience, skew and clock, for code
     * that only checks tokens. It does not apply strict sessions.
     *
     * @return the verifier
     */
    public AccessTokenVerifier verifier() {
        return verifier;
    }

    /**
     * Returns the public JWKS document of this manager's keys, to serve at
     * {@code /.well-known/jwks.json}. HMAC keys are never exported: with only HMAC keys the
     * document is {@code {"keys":[]}}.
     *
     * @return the JWKS JSON
     */
    public String jwks() {
        return keys.toPublicJwks();
    }

    // ------------------------------------------------------------------ users

    /**
     * Finds a user's account.
     *
     * @param userId the user's id
     * @return the account, or empty for an unknown id
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code userId} is null
     */
    public Optional<UserAccount> findUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        return users.findById(userId).map(UserAccount::of);
    }

    /**
     * Changes a user's password after checking the current one, ends every session of the
     * user, and starts a new one for the client that asked.
     *
     * <p>Every refresh token issued before the change stops working, also those of the session
     * the request came with and of log-ins that were still in flight; the returned pair belongs
     * to a new session (new id, same client address and user agent), which the client uses from
     * now on. Access tokens issued before stay valid until they expire, unless strict sessions
     * are on. Wrong current passwords count as failed log-ins of the account, and a locked
     * account cannot change its password. The owner is sent a {@link Notification.PasswordChanged}
     * notice.
     *
     * @param user the authenticated user; its session must still be active
     * @param currentPassword the current password
     * @param newPassword the new password, checked by the policy
     * @return the tokens of the new session
     * @throws AuthException {@link AuthError#INVALID_REQUEST} when the new password breaks the
     *     policy; {@link AuthError#INVALID_CREDENTIALS} when the current one is wrong, the user
     *     is unknown or the password was changed meanwhile; {@link AuthError#INVALID_TOKEN} when
     *     the user's session has ended; {@link AuthError#TOO_MANY_ATTEMPTS} while the account is
     *     locked
     * @throws StoreException if a store fails
     */
    public TokenPair changePassword(AuthenticatedUser user, String currentPassword, String newPassword) {
        return passwordChanges.change(user, currentPassword, newPassword);
    }

    /**
     * Sets a new password without the current one, for a host that has proved the user's
     * identity in its own way (an administrator, a support process). Ends every session of the
     * user, also one whose log-in is still in flight, lifts any log-in lock of the account, and
     * sends the owner a {@link Notification.PasswordChanged} notice. For the user's own forgotten password, use {@link #requestPasswordReset} and
     * {@link #resetPassword(String, String)}.
     *
     * @param userId the user's id
     * @param newPassword the new password, checked by the policy
     * @return true when the user exists and the password was set; false for an unknown user
     * @throws AuthException {@link AuthError#INVALID_REQUEST} when the password breaks the
     *     policy, or when other changes of the password keep committing first
     * @throws StoreException if a store fails
     * @throws NullPointerException if {@code userId} is null
     */
    public boolean setPassword(String userId, String newPassword) {
        return passwordChanges.reset(userId, newPassword);
    }

    // ------------------------------------------------------------------ account lifecycle

    // Every single-use link below is a 256-bit random token, kept by the store only as a hash,
    // bound to one purpose, one user and the address it was sent to, usable once (of concurrent
    // uses on any number of nodes exactly one succeeds) and superseded by the next one of its
    // purpose. These methods need a one-time token store (Builder.oneTimeTokenStore).

    /**
     * Sends the user a new link to verify their address, superseding earlier ones. Nothing is
     * sent for an unknown, disabled or already verified account, nor when the address has had
     * its share of links for now (a few at once, then one per quarter of an hour).
     *
     * @param userId the user's id
     * @return true when a link was sent (handed to the {@link Notifier})
     * @throws IllegalStateException if this manager has no one-time token store
     * @throws StoreException if a store fails
     * @throws NullPointerException if {@code userId} is null
     */
    public boolean requestEmailVerification(String userId) {
        return lifecycle(verifications).request(userId);
    }

    /**
     * Verifies an address with the token of a link sent by sign-up or
     * {@link #requestEmailVerification}. The link verifies only the address it was sent to:
     * after the account's address changed, an older link fails.
     *
     * @param token the token from the link
     * @return the account, now verified
     * @throws AuthException {@link AuthError#INVALID_ONE_TIME_TOKEN} when the token is malformed,
     *     unknown, expired, used, superseded, of another purpose, or for an address the account no
     *     longer has; {@link AuthError#ACCOUNT_DISABLED} for a disabled account (the link stays
     *     usable)
     * @throws IllegalStateException if this manager has no one-time token store
     * @throws StoreException if a store fails
     */
    public UserAccount verifyEmail(String token) {
        return lifecycle(verifications).verify(token);
    }

    /**
     * Requests a password reset without client information; see
     * {@link #requestPasswordReset(String, ClientInfo)}.
     *
     * @param email the address the user gave
     * @throws AuthException as {@link #requestPasswordReset(String, ClientInfo)}
     * @throws IllegalStateException if this manager has no one-time token store
     * @throws StoreException if a store fails
     */
    public void requestPasswordReset(String email) {
        requestPasswordReset(email, ClientInfo.UNKNOWN);
    }

    /**
     * Mails a link to reset the password to the account with this address, if there is one.
     *
     * <p>The call returns the same way, after the same work, whether or not the address has an
     * account (or the account is disabled, or the address has had its share of links: a few at
     * once, then one per quarter of an hour), so neither the answer nor its timing tells who has
     * an account. The link is valid for {@link AuthSettings#passwordResetTokenLifetime()}. A
     * {@link AuthEvent.LinkRequested} event is raised for every well-formed request.
     *
     * <pre>{@code
     * auth.requestPasswordReset(form.email(), new ClientInfo(request.ip(), request.userAgent()));
     * return accepted();   // the same answer for every address
     * }</pre>
     *
     * @param email the address the user gave (normalised here)
     * @param client the client asking; with an address, it has a budget of requests of its own
     * @throws AuthException {@link AuthError#INVALID_REQUEST} for a missing or malformed address;
     *     {@link AuthError#TOO_MANY_ATTEMPTS} when this client address asked too often (this
     *     reveals nothing about any account)
     * @throws IllegalStateException if this manager has no one-time token store
     * @throws StoreException if a store fails
     */
    public void requestPasswordReset(String email, ClientInfo client) {
        lifecycle(passwordResets).request(email, client);
    }

    /**
     * Sets a new password with the token of a link sent by {@link #requestPasswordReset}. The
     * new password is checked by the policy before the token is used, so a refused password does
     * not burn the link. Then, like {@link #setPassword}: every session ends, any log-in lock is
     * lifted, and the user is sent a {@link Notification.PasswordChanged} notice. Following the
     * link also verifies the address.
     *
     * @param token the token from the link
     * @param newPassword the new password
     * @return the account
     * @throws AuthException {@link AuthError#INVALID_ONE_TIME_TOKEN} when the token is malformed,
     *     unknown, expired, used, superseded, of another purpose, or sent to an address the
     *     account no longer has; {@link AuthError#INVALID_REQUEST} when the password breaks the
     *     policy (field {@code password}); {@link AuthError#ACCOUNT_DISABLED} for a disabled
     *     account (the link stays usable)
     * @throws IllegalStateException if this manager has no one-time token store
     * @throws StoreException if a store fails
     */
    public UserAccount resetPassword(String token, String newPassword) {
        return lifecycle(passwordResets).reset(token, newPassword);
    }

    /**
     * Starts a change of the user's address: checks the current password (wrong ones count
     * towards the account's throttling), mails a link to the new address, and a notice of the
     * request to the current one. The address changes only when the link is followed
     * ({@link #confirmEmailChange}); a newer request supersedes the link.
     *
     * @param user the authenticated user; its session must still be active
     * @param currentPassword the current password
     * @param newEmail the new address (normalised here)
     * @throws AuthException {@link AuthError#INVALID_REQUEST} for a missing password or a
     *     malformed or unchanged address (every violation at once);
     *     {@link AuthError#INVALID_CREDENTIALS} for a wrong password; {@link AuthError#INVALID_TOKEN}
     *     when the session has ended; {@link AuthError#TOO_MANY_ATTEMPTS} while the account is
     *     locked; {@link AuthError#EMAIL_TAKEN} when another account has the new address
     * @throws IllegalStateException if this manager has no one-time token store
     * @throws StoreException if a store fails
     */
    public void requestEmailChange(AuthenticatedUser user, String currentPassword, String newEmail) {
        lifecycle(emailChanges).request(user, currentPassword, newEmail);
    }

    /**
     * Changes the address with the token of a link sent by {@link #requestEmailChange}: the new
     * address replaces the old one, verified. Sessions go on.
     *
     * @param token the token from the link
     * @return the account with its new address
     * @throws AuthException {@link AuthError#INVALID_ONE_TIME_TOKEN} when the token is malformed,
     *     unknown, expired, used, superseded or of another purpose, or the account's address
     *     changed meanwhile; {@link AuthError#EMAIL_TAKEN} when another account took the new
     *     address meanwhile (the link is then used up); {@link AuthError#ACCOUNT_DISABLED} for a
     *     disabled account (the link stays usable)
     * @throws IllegalStateException if this manager has no one-time token store
     * @throws StoreException if a store fails
     */
    public UserAccount confirmEmailChange(String token) {
        return lifecycle(emailChanges).confirm(token);
    }

    /**
     * Mails a link that logs the account with this address in, if there is one, under the same
     * rules as {@link #requestPasswordReset(String, ClientInfo)}: the same answer and work for
     * every address, and the same throttling. The link is valid for
     * {@link AuthSettings#logInLinkLifetime()}.
     *
     * @param email the address the user gave (normalised here)
     * @param client the client asking
     * @throws AuthException {@link AuthError#NOT_ENABLED} unless {@link AuthSettings#logInLinks()}
     *     is on; {@link AuthError#INVALID_REQUEST} for a missing or malformed address;
     *     {@link AuthError#TOO_MANY_ATTEMPTS} when this client address asked too often
     * @throws IllegalStateException if this manager has no one-time token store
     * @throws StoreException if a store fails
     */
    public void requestLogInLink(String email, ClientInfo client) {
        lifecycle(logInLinks).request(email, client);
    }

    /**
     * Logs in with the token of a link sent by {@link #requestLogInLink}: starts a session like
     * {@link #logIn(LogInRequest)} (without a device token) and verifies the address.
     *
     * @param token the token from the link
     * @param client the client, recorded with the session
     * @return the tokens of the new session
     * @throws AuthException {@link AuthError#NOT_ENABLED} unless {@link AuthSettings#logInLinks()}
     *     is on; {@link AuthError#INVALID_ONE_TIME_TOKEN} when the token is malformed, unknown,
     *     expired, used, superseded, of another purpose, or sent to an address the account no
     *     longer has; {@link AuthError#ACCOUNT_DISABLED} for a disabled account
     * @throws IllegalStateException if this manager has no one-time token store
     * @throws StoreException if a store fails
     */
    public TokenPair logInWithLink(String token, ClientInfo client) {
        return lifecycle(logInLinks).logIn(token, client);
    }

    /**
     * Disables an account, for an administrator: every session of the user is revoked at once,
     * and log-in, refresh and the lifecycle's links (verification, reset, address change, log-in
     * link) are refused with {@link AuthError#ACCOUNT_DISABLED} until {@link #enableUser}; no new
     * link is sent to a disabled account.
     * Access tokens already issued stay valid until they expire unless strict sessions are on.
     *
     * @param userId the user's id
     * @return true when the user exists (whether or not it was disabled already)
     * @throws StoreException if a store fails
     * @throws NullPointerException if {@code userId} is null
     */
    public boolean disableUser(String userId) {
        return accountStatus.disable(userId);
    }

    /**
     * Enables a disabled account again. Its sessions stay ended: the user logs in anew.
     *
     * @param userId the user's id
     * @return true when the user exists
     * @throws StoreException if a store fails
     * @throws NullPointerException if {@code userId} is null
     */
    public boolean enableUser(String userId) {
        return accountStatus.enable(userId);
    }

    /**
     * Deletes the user's own account after checking the current password: erases the user,
     * its sessions, its single-use tokens, its known devices and its log-in attempt records, and
     * raises {@link AuthEvent.AccountDeleted}. The address is free for a new sign-up at once.
     * Access tokens already issued stay valid until they expire unless strict sessions are on.
     *
     * @param user the authenticated user; its session must still be active
     * @param currentPassword the current password
     * @throws AuthException {@link AuthError#INVALID_REQUEST} for a missing password;
     *     {@link AuthError#INVALID_CREDENTIALS} for a wrong one; {@link AuthError#INVALID_TOKEN}
     *     when the session has ended; {@link AuthError#TOO_MANY_ATTEMPTS} while the account is
     *     locked
     * @throws StoreException if a store fails
     */
    public void deleteAccount(AuthenticatedUser user, String currentPassword) {
        accountStatus.delete(user, currentPassword);
    }

    // ------------------------------------------------------------------ housekeeping

    /**
     * Deletes one bounded batch of ended sessions (revoked or expired), one of stale log-in
     * attempt records (last failure over a day ago, not locked), one of expired device tokens and,
     * with a one-time token store, one of ended single-use tokens. Call it regularly, for example
     * every minute from a scheduler, on any number of nodes.
     *
     * @param batchSize the most rows to delete from each store, at least 1
     * @return how many records were deleted in all; call again while it returns more than 0
     *     (each call stays bounded)
     * @throws StoreException if a store fails
     * @throws IllegalArgumentException if {@code batchSize} is less than 1
     */
    public int purgeExpired(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        Instant now = clock.instant();
        return tokens.purge(now, batchSize) + attempts.purge(now.minus(STALE_ATTEMPTS), now, batchSize)
                + attempts.purgeDevices(now, batchSize) + (oneTimeTokens == null ? 0 : oneTimeTokens.purge(now, batchSize));
    }

    // ------------------------------------------------------------------ helpers

    private static <T> T lifecycle(T flow) {
        if (flow == null) {
            throw new IllegalStateException("the account lifecycle needs a one-time token store: "
                    + "set AuthManager.builder().oneTimeTokenStore(...)");
        }
        return flow;
    }

    private static void requireToken(String token, String field) {
        if (token == null || token.isBlank()) {
            throw AuthException.invalidRequest(List.of(new FieldViolation(field, "must not be blank")));
        }
    }

    @Override
    public String toString() {
        return "AuthManager[" + keys + ", " + settings + "]";
    }

    // ------------------------------------------------------------------ builder

    /**
     * Builds an {@link AuthManager}. The three stores and the keys are required; each option
     * may be set once, null is refused at once, and {@link #build()} reports every problem
     * together. Not thread-safe.
     */
    public static final class Builder {
        private final SetOnce once = new SetOnce();
        private UserRepository users;
        private TokenStore tokens;
        private LoginAttemptStore attempts;
        private KeySet keys;
        private Clock clock;
        private AuthSettings settings;
        private PasswordPolicy policy;
        private AuthEventListener listener;
        private OneTimeTokenStore oneTimeTokenStore;
        private Notifier notifier;
        private byte[] pepper;
        private PasswordHasher hasher;

        private Builder() {
        }

        /**
         * Sets where users are stored. Required.
         *
         * @param users the repository
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder userRepository(UserRepository users) {
            this.users = once.set("userRepository", users);
            return this;
        }

        /**
         * Sets where sessions are stored. Required.
         *
         * @param tokens the store
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder tokenStore(TokenStore tokens) {
            this.tokens = once.set("tokenStore", tokens);
            return this;
        }

        /**
         * Sets where failed log-ins are counted. Required; share it between nodes (the JDBC
         * store) so that the limit holds across the cluster.
         *
         * @param attempts the store
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder loginAttemptStore(LoginAttemptStore attempts) {
            this.attempts = once.set("loginAttemptStore", attempts);
            return this;
        }

        /**
         * Sets where the single-use tokens of the account lifecycle are kept (e-mail
         * verification, password reset, e-mail change, log-in links). Optional: without it those
         * flows throw {@link IllegalStateException} and sign-up sends no verification link. Share
         * it between nodes (the JDBC store) so that a link works whichever node it reaches.
         *
         * @param store the store
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder oneTimeTokenStore(OneTimeTokenStore store) {
            this.oneTimeTokenStore = once.set("oneTimeTokenStore", store);
            return this;
        }

        /**
         * Sets what delivers the account lifecycle's messages (links and notices); default
         * {@link Notifier#NONE}, which drops them. See {@link Notifier} for what a notifier must do.
         *
         * @param notifier the notifier
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder notifier(Notifier notifier) {
            this.notifier = once.set("notifier", notifier);
            return this;
        }

        /**
         * Sets the keys: the signing key and any verify-only keys. Required (or
         * {@link #signingKey(JwtKey)}).
         *
         * @param keys the key set; it must have a signing key
         * @return this builder
         * @throws IllegalStateException if keys were set already
         */
        public Builder keys(KeySet keys) {
            this.keys = once.set("keys", keys);
            return this;
        }

        /**
         * Sets a single signing key; the same as {@code keys(KeySet.of(key))}.
         *
         * @param key the signing key
         * @return this builder
         * @throws IllegalArgumentException if the key cannot sign
         * @throws IllegalStateException if keys were set already
         */
        public Builder signingKey(JwtKey key) {
            Objects.requireNonNull(key, "signingKey");
            return keys(KeySet.of(key));
        }

        /**
         * Sets the clock; default {@link Clock#systemUTC()}. Tests pass a clock they move.
         *
         * @param clock the clock
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder clock(Clock clock) {
            this.clock = once.set("clock", clock);
            return this;
        }

        /**
         * Sets the settings; default {@link AuthSettings#defaults()}.
         *
         * @param settings the settings
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder settings(AuthSettings settings) {
            this.settings = once.set("settings", settings);
            return this;
        }

        /**
         * Sets the password policy; default {@link PasswordPolicy#defaults()}.
         *
         * @param policy the policy
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder passwordPolicy(PasswordPolicy policy) {
            this.policy = once.set("passwordPolicy", policy);
            return this;
        }

        /**
         * Sets the listener for {@link AuthEvent}s; default none.
         *
         * @param listener the listener
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder eventListener(AuthEventListener listener) {
            this.listener = once.set("eventListener", listener);
            return this;
        }

        /**
         * Sets a pepper: a secret of at least 32 bytes, kept outside the database, with which
         * passwords are pre-hashed as {@code base64(HMAC-SHA-384(pepper, password))} before
         * bcrypt. A stolen database then cannot be attacked offline without the pepper. It also
         * allows policies with more than 72 bytes. Changing or adding a pepper makes existing
         * hashes unverifiable, so set it before the first user signs up.
         *
         * @param pepper the pepper; copied
         * @return this builder
         * @throws IllegalStateException if set already
         */
        public Builder passwordPepper(byte[] pepper) {
            this.pepper = once.set("passwordPepper", pepper).clone();
            return this;
        }

        /** For tests: replaces bcrypt, for example with a hasher that counts its calls. */
        Builder passwordHasher(PasswordHasher hasher) {
            this.hasher = once.set("passwordHasher", hasher);
            return this;
        }

        /**
         * Builds the manager. With the default hasher this computes one bcrypt hash (the dummy
         * used for unknown users), which takes as long as one log-in.
         *
         * @return the manager
         * @throws ConfigurationException listing every problem: missing stores or keys, a key
         *     set without a signing key, a pepper shorter than 32 bytes, a policy that allows
         *     more than 72 bytes without a pepper
         */
        public AuthManager build() {
            ConfigChecks checks = new ConfigChecks();
            checks.required("userRepository", users, "is required");
            checks.required("tokenStore", tokens, "is required");
            checks.required("loginAttemptStore", attempts, "is required");
            checks.required("keys", keys, "are required: call signingKey(...) or keys(...)");
            if (keys != null && keys.signingKey().isEmpty()) {
                checks.add("keys", "have no signing key");
            }
            if (pepper != null && pepper.length < 32) {
                checks.add("passwordPepper", "must be at least 32 bytes, got " + pepper.length);
            }
            PasswordPolicy effectivePolicy = policy == null ? PasswordPolicy.defaults() : policy;
            if (pepper == null && effectivePolicy.maxUtf8Bytes() > PasswordPolicy.BCRYPT_MAX_BYTES) {
                checks.add("passwordPolicy", "allows " + effectivePolicy.maxUtf8Bytes() + " bytes, but bcrypt reads only "
                        + PasswordPolicy.BCRYPT_MAX_BYTES + ": configure a passwordPepper or lower maxUtf8Bytes");
            }
            AuthSettings effective = settings == null ? AuthSettings.defaults() : settings;
            if (oneTimeTokenStore == null && effective.requireVerifiedEmail()) {
                checks.add("oneTimeTokenStore", "is required when settings require a verified e-mail address");
            }
            if (oneTimeTokenStore == null && effective.logInLinks()) {
                checks.add("oneTimeTokenStore", "is required when settings turn log-in links on");
            }
            checks.throwIfAny();
            PasswordHasher passwordHasher = hasher != null ? hasher : new BcryptPasswordHasher(effective.bcryptCost());
            return new AuthManager(this, passwordHasher, new PasswordEncoding(pepper));
        }
    }
}
