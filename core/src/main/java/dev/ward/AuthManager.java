package dev.ward;

import dev.ward.internal.password.BcryptPasswordHasher;
import dev.ward.internal.password.PasswordEncoding;
import dev.ward.internal.password.PasswordHasher;
import dev.ward.internal.token.AccessTokenCodec;
import dev.ward.internal.token.Base64Url;
import dev.ward.internal.token.RefreshTokens;
import dev.ward.internal.validation.Emails;
import dev.ward.internal.validation.RequestValidator;
import dev.ward.store.DuplicateEmailException;
import dev.ward.store.LockoutPolicy;
import dev.ward.store.LoginAttemptStore;
import dev.ward.store.LoginAttempts;
import dev.ward.store.NewUser;
import dev.ward.store.Session;
import dev.ward.store.StoreException;
import dev.ward.store.TokenStore;
import dev.ward.store.User;
import dev.ward.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

    private static final System.Logger LOG = System.getLogger("dev.ward");

    static final String REVOKED_LOGOUT = "logout";
    static final String REVOKED_LOGOUT_EVERYWHERE = "logout-everywhere";
    static final String REVOKED_REUSE = "reuse-detected";
    static final String REVOKED_BY_USER = "revoked";
    static final String REVOKED_USER_GONE = "user-gone";
    static final String REVOKED_PASSWORD_CHANGED = "password-changed";

    private static final Set<String> DEFAULT_ROLES = Set.of("user");
    private static final Duration STALE_ATTEMPTS = Duration.ofDays(1);
    private static final int STRICT_CACHE_LIMIT = 100_000;
    private static final int MAX_ROTATION_ROUNDS = 4;

    private final UserRepository users;
    private final TokenStore tokens;
    private final LoginAttemptStore attempts;
    private final KeySet keys;
    private final AccessTokenCodec codec;
    private final AccessTokenVerifier verifier;
    private final Clock clock;
    private final AuthSettings settings;
    private final PasswordPolicy policy;
    private final AuthEventListener listener;
    private final PasswordHasher hasher;
    private final PasswordEncoding encoding;
    private final LockoutPolicy accountLockout;
    private final LockoutPolicy addressLockout;
    /** Session id to the epoch millisecond until which it counts as active (strict sessions). */
    private final ConcurrentHashMap<String, Long> activeSessions = new ConcurrentHashMap<>();

    private AuthManager(Builder b, PasswordHasher hasher, PasswordEncoding encoding) {
        this.users = b.users;
        this.tokens = b.tokens;
        this.attempts = b.attempts;
        this.keys = b.keys;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.settings = b.settings == null ? AuthSettings.defaults() : b.settings;
        this.policy = b.policy == null ? PasswordPolicy.defaults() : b.policy;
        this.listener = b.listener == null ? AuthEventListener.NONE : b.listener;
        this.hasher = hasher;
        this.encoding = encoding;
        this.codec = new AccessTokenCodec(keys.materials(), keys.signingKey().orElseThrow().material(),
                settings.issuer(), settings.audience(), settings.clockSkew(), clock, settings.verifiedTokenCacheSize());
        this.verifier = new AccessTokenVerifier(codec, keys);
        this.accountLockout = lockout(settings.lockoutThreshold(), settings.permanentLockoutThreshold());
        this.addressLockout = lockout(settings.clientAddressLockoutThreshold(), Integer.MAX_VALUE);
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
     * stored as a bcrypt hash only.
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
        if (request == null) {
            throw AuthException.invalidRequest(List.of(new FieldViolation("request", "must not be null")));
        }
        String email = Emails.normalize(request.email());
        String userName = request.userName() == null ? null : request.userName().strip();
        List<FieldViolation> violations = new ArrayList<>(
                RequestValidator.validate(new SignUpRequest(userName, email, request.password())));
        if (request.password() != null) {
            for (String problem : policy.check(request.password(), userName, email)) {
                violations.add(new FieldViolation("password", problem));
            }
        }
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        String hash = hash(request.password());
        Instant now = now();
        try {
            User user = users.create(new NewUser(userName, email, hash, DEFAULT_ROLES, now));
            emit(new AuthEvent.SignedUp(now, user.id(), email));
            return account(user);
        } catch (DuplicateEmailException e) {
            if (!settings.concealDuplicateSignUp()) {
                throw new AuthException(AuthError.EMAIL_TAKEN, "an account with this e-mail address already exists");
            }
            String existing = users.findByEmail(email).map(User::id).orElse(null);
            emit(new AuthEvent.DuplicateSignUp(now, existing, email));
            return new UserAccount(UUID.randomUUID().toString(), userName, email, DEFAULT_ROLES, now);
        }
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
     * <pre>{@code
     * TokenPair tokens = auth.logIn(new LogInRequest(email, password, new ClientInfo(ip, userAgent)));
     * }</pre>
     *
     * @param request the e-mail address, password and client information
     * @return the tokens of the new session
     * @throws AuthException {@link AuthError#INVALID_REQUEST} for a missing or oversized field, or
     *     an e-mail address without {@code @} (no account can have one);
     *     {@link AuthError#INVALID_CREDENTIALS} for a wrong address or password;
     *     {@link AuthError#TOO_MANY_ATTEMPTS} with a retry-after while the account or address is locked
     * @throws StoreException if a store fails
     */
    public TokenPair logIn(LogInRequest request) {
        if (request == null) {
            throw AuthException.invalidRequest(List.of(new FieldViolation("request", "must not be null")));
        }
        List<FieldViolation> violations = RequestValidator.validate(request);
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        String email = Emails.normalize(request.email());
        if (email.indexOf('@') < 0) {
            // No account has an address without '@' (sign-up requires one), and such a text could
            // spell another throttling key ("ip:..."): refuse it before it is counted or hashed.
            throw AuthException.invalidRequest(
                    List.of(new FieldViolation("email", "must be a well-formed email address")));
        }
        ClientInfo client = request.client();
        Instant now = now();
        String addressKey = settings.throttleClientAddress() && client.ip() != null ? "ip:" + client.ip() : null;
        Optional<LoginAttempts> accountState = attempts.find(email);
        refuseIfLocked(accountState, email, client, now);
        if (addressKey != null) {
            refuseIfLocked(attempts.find(addressKey), email, client, now);
        }

        Optional<User> found = users.findByEmail(email);
        byte[] password = encoding.prepare(request.password());
        boolean verified;
        String rehash = null;
        try {
            // Always one full bcrypt check: against the user's hash, or a dummy one.
            verified = hasher.verify(password, found.map(User::passwordHash).orElse(hasher.dummyHash()))
                    && found.isPresent();
            if (verified && hasher.needsRehash(found.get().passwordHash())) {
                rehash = hasher.hash(password);
            }
        } finally {
            Arrays.fill(password, (byte) 0);
        }
        if (!verified) {
            recordFailure(email, accountLockout, now);
            if (addressKey != null) {
                recordFailure(addressKey, addressLockout, now);
            }
            emit(new AuthEvent.LogInFailed(now, email, found.map(User::id).orElse(null),
                    found.isPresent() ? AuthEvent.FailureReason.WRONG_PASSWORD : AuthEvent.FailureReason.UNKNOWN_USER,
                    client));
            throw new AuthException(AuthError.INVALID_CREDENTIALS, "invalid e-mail or password");
        }
        User user = found.get();
        if (accountState.isPresent()) {
            attempts.reset(email);
        }
        if (rehash != null) {
            upgradeHash(user, rehash);
        }
        TokenPair pair = startSession(user, client, now);
        emit(new AuthEvent.LoggedIn(now, user.id(), pair.sessionId(), client));
        return pair;
    }

    private void refuseIfLocked(Optional<LoginAttempts> state, String email, ClientInfo client, Instant now) {
        if (state.isPresent() && state.get().isLockedAt(now)) {
            Instant until = state.get().lockedUntil();
            emit(new AuthEvent.LogInFailed(now, email, null, AuthEvent.FailureReason.LOCKED, client));
            throw AuthException.tooManyAttempts(
                    LoginAttempts.PERMANENT_LOCK.equals(until) ? null : Duration.between(now, until));
        }
    }

    private void recordFailure(String key, LockoutPolicy lockout, Instant now) {
        LoginAttempts after = attempts.recordFailure(key, now, lockout);
        Instant lockEarned = lockout.lockedUntil(after.failures(), now);
        if (lockEarned != null && lockEarned.equals(after.lockedUntil())) {
            emit(new AuthEvent.LockedOut(now, key, after.failures(), after.lockedUntil()));
        }
    }

    private LockoutPolicy lockout(int threshold, int permanentThreshold) {
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

    private void upgradeHash(User user, String newHash) {
        try {
            users.updatePasswordHash(user.id(), newHash);
        } catch (StoreException e) {
            // The log-in itself succeeded; the upgrade is retried at the next one.
            LOG.log(System.Logger.Level.WARNING, "could not upgrade the password hash of user " + user.id(), e);
        }
    }

    /**
     * Forgets the failed log-ins of an account and lifts its lock, permanent ones included:
     * for example after the owner proved control of the address by resetting the password.
     *
     * @param email the account's e-mail address (normalised here)
     * @throws StoreException if the store fails
     * @throws NullPointerException if {@code email} is null
     */
    public void resetLoginAttempts(String email) {
        Objects.requireNonNull(email, "email");
        attempts.reset(Emails.normalize(email));
    }

    // ------------------------------------------------------------------ sessions and tokens

    private TokenPair startSession(User user, ClientInfo client, Instant now) {
        String sessionId = RefreshTokens.newSessionId();
        byte[] family = RefreshTokens.newFamilySecret();
        try {
            RefreshTokens.Issued refresh = RefreshTokens.issue(sessionId, family);
            Instant expiresAt = now.plus(settings.sessionMaxLifetime());
            Instant idleExpiresAt = earlier(now.plus(settings.refreshTokenIdleTtl()), expiresAt);
            tokens.create(Session.start(sessionId, user.id(), RefreshTokens.sha256(family), refresh.secretHash(), now,
                    expiresAt, idleExpiresAt, client.ip(), client.userAgent()));
            return pair(user, sessionId, refresh.token(), idleExpiresAt, now);
        } finally {
            Arrays.fill(family, (byte) 0);
        }
    }

    private TokenPair pair(User user, String sessionId, String refreshToken, Instant refreshExpiresAt, Instant now) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plusSeconds(settings.accessTokenTtl().toSeconds());
        String jti = Base64Url.encode(RefreshTokens.randomBytes(16));
        String accessToken = codec.issue(user.id(), sessionId, user.roles(), issuedAt, expiresAt, jti);
        return new TokenPair(accessToken, expiresAt, refreshToken, refreshExpiresAt, sessionId);
    }

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
     * gets a token of its own; only the newest token issued stays valid. Any other token of the
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
     * @return the new pair; the presented token must not be used again
     * @throws AuthException {@link AuthError#INVALID_REQUEST} when no token is given;
     *     {@link AuthError#INVALID_TOKEN} when it is malformed, unknown, forged or its session
     *     has ended; {@link AuthError#TOKEN_EXPIRED} when its session has expired;
     *     {@link AuthError#REFRESH_TOKEN_REUSED} when it was used before (the session is now revoked)
     * @throws StoreException if a store fails; the session is then either rotated or untouched
     */
    public TokenPair refresh(String refreshToken, ClientInfo client) {
        requireToken(refreshToken, "refreshToken");
        ClientInfo who = client == null ? ClientInfo.UNKNOWN : client;
        RefreshTokens.Parsed presented = RefreshTokens.parse(refreshToken);
        if (presented == null) {
            throw new AuthException(AuthError.INVALID_TOKEN, "not a valid refresh token");
        }
        Instant now = now();
        Session session = tokens.findById(presented.sessionId()).orElseThrow(AuthManager::unknownSession);
        if (!RefreshTokens.hashesEqual(session.familyHash(), presented.familyHash())) {
            // Not issued for this session: someone who knows only the session id. No revocation.
            throw unknownSession();
        }
        User user = null;
        for (int round = 0; round < MAX_ROTATION_ROUNDS; round++) {
            if (session.isRevoked()) {
                throw REVOKED_REUSE.equals(session.revokeReason()) ? reused() : ended();
            }
            if (session.isExpired(now)) {
                throw new AuthException(AuthError.TOKEN_EXPIRED, "the session has expired: log in again");
            }
            boolean current = RefreshTokens.hashesEqual(presented.secretHash(), session.currentHash());
            boolean previous = !current && RefreshTokens.hashesEqual(presented.secretHash(), session.previousHash());
            if (!current && !(previous && withinGrace(session, now))) {
                revokeForReuse(session, who, now);
                throw reused();
            }
            if (user == null) {
                user = users.findById(session.userId()).orElse(null);
                if (user == null) {
                    revoke(session.id(), REVOKED_USER_GONE, now);
                    throw ended();
                }
            }
            RefreshTokens.Issued next = RefreshTokens.issue(session.id(), presented.familySecret());
            Instant idleExpiresAt = earlier(now.plus(settings.refreshTokenIdleTtl()), session.expiresAt());
            // Compare-and-set: when it fails, another caller changed the session first; read it
            // again and decide anew (at most a few rounds: each failure means real progress).
            boolean won = current
                    ? tokens.rotate(session.id(), session.currentHash(), next.secretHash(), now, idleExpiresAt)
                    : tokens.rotateWithinGrace(session.id(), session.previousHash(),
                            now.minus(settings.refreshReuseGrace()), next.secretHash(), now, idleExpiresAt);
            if (won) {
                TokenPair pair = pair(user, session.id(), next.token(), idleExpiresAt, now);
                emit(new AuthEvent.Refreshed(now, user.id(), session.id(), !current));
                return pair;
            }
            session = tokens.findById(session.id()).orElseThrow(AuthManager::ended);
        }
        throw new AuthException(AuthError.INVALID_TOKEN, "the session changed concurrently: try again");
    }

    private boolean withinGrace(Session session, Instant now) {
        Duration grace = settings.refreshReuseGrace();
        return !grace.isZero() && session.rotatedAt() != null && now.isBefore(session.rotatedAt().plus(grace));
    }

    private void revokeForReuse(Session session, ClientInfo client, Instant now) {
        if (revoke(session.id(), REVOKED_REUSE, now)) {
            LOG.log(System.Logger.Level.WARNING, "refresh token reuse detected: session " + session.id()
                    + " of user " + session.userId() + " revoked");
            emit(new AuthEvent.RefreshTokenReused(now, session.userId(), session.id(), client));
        }
    }

    private boolean revoke(String sessionId, String reason, Instant now) {
        activeSessions.remove(sessionId);
        return tokens.revoke(sessionId, now, reason);
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
        RefreshTokens.Parsed presented = RefreshTokens.parse(refreshToken);
        if (presented == null) {
            return;
        }
        Optional<Session> session = tokens.findById(presented.sessionId());
        if (session.isEmpty() || !RefreshTokens.hashesEqual(session.get().familyHash(), presented.familyHash())) {
            return;
        }
        Instant now = now();
        if (revoke(presented.sessionId(), REVOKED_LOGOUT, now)) {
            emit(new AuthEvent.LoggedOut(now, session.get().userId(), presented.sessionId()));
        }
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
        return revokeAll(userId, null, REVOKED_LOGOUT_EVERYWHERE);
    }

    private int revokeAll(String userId, String exceptSessionId, String reason) {
        Instant now = now();
        if (!activeSessions.isEmpty()) {
            // Only the strict-session cache needs the ids; it is empty unless its TTL is set.
            for (Session s : tokens.findActiveByUser(userId, now)) {
                activeSessions.remove(s.id());
            }
        }
        int count = tokens.revokeAllForUser(userId, exceptSessionId, now, reason);
        if (count > 0) {
            emit(new AuthEvent.SessionsRevoked(now, userId, count, reason));
        }
        return count;
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
        List<SessionInfo> result = new ArrayList<>();
        for (Session s : tokens.findActiveByUser(userId, now())) {
            result.add(new SessionInfo(s.id(), s.createdAt(), s.lastUsedAt(), s.idleExpiresAt(), s.clientIp(),
                    s.userAgent()));
        }
        return List.copyOf(result);
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
        Instant now = now();
        Optional<Session> session = tokens.findById(sessionId);
        if (session.isEmpty() || !session.get().userId().equals(userId) || !session.get().isActive(now)) {
            return false;
        }
        boolean revoked = revoke(sessionId, REVOKED_BY_USER, now);
        if (revoked) {
            emit(new AuthEvent.SessionsRevoked(now, userId, 1, REVOKED_BY_USER));
        }
        return revoked;
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
     * so log-out ends access at once; otherwise an access token stays valid until it expires.
     *
     * <pre>{@code
     * AuthenticatedUser user = auth.authenticate(bearerToken);
     * user.requireAnyRole("admin", "super_admin");
     * }</pre>
     *
     * @param accessToken the token, as sent in {@code Authorization: Bearer ...}
     * @return who the token speaks for
     * @throws AuthException {@link AuthError#TOKEN_EXPIRED} when it has expired,
     *     {@link AuthError#INVALID_TOKEN} for anything else wrong with it
     * @throws StoreException if strict sessions are on and the store fails
     */
    public AuthenticatedUser authenticate(String accessToken) {
        AuthenticatedUser user = codec.verify(accessToken);
        if (settings.strictSessions()) {
            requireActiveSession(user);
        }
        return user;
    }

    private void requireActiveSession(AuthenticatedUser user) {
        Instant now = clock.instant();
        Long until = activeSessions.get(user.sessionId());
        if (until != null && until > now.toEpochMilli()) {
            return;
        }
        Optional<Session> session = tokens.findById(user.sessionId());
        if (session.isEmpty() || !session.get().userId().equals(user.userId()) || !session.get().isActive(now)) {
            activeSessions.remove(user.sessionId());
            throw new AuthException(AuthError.INVALID_TOKEN, "the session of this access token has ended");
        }
        long ttl = settings.strictSessionCacheTtl().toMillis();
        if (ttl > 0) {
            if (activeSessions.size() >= STRICT_CACHE_LIMIT) {
                activeSessions.clear();
            }
            activeSessions.put(user.sessionId(), now.toEpochMilli() + ttl);
        }
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
        return users.findById(userId).map(AuthManager::account);
    }

    /**
     * Changes a user's password after checking the current one, and ends every other session
     * of the user (the one the request came with stays).
     *
     * <p>Wrong current passwords count as failed log-ins of the account, and a locked account
     * cannot change its password.
     *
     * @param user the authenticated user, whose session stays
     * @param currentPassword the current password
     * @param newPassword the new password, checked by the policy
     * @throws AuthException {@link AuthError#INVALID_REQUEST} when the new password breaks the
     *     policy; {@link AuthError#INVALID_CREDENTIALS} when the current one is wrong or the user
     *     is unknown; {@link AuthError#TOO_MANY_ATTEMPTS} while the account is locked
     * @throws StoreException if a store fails
     */
    public void changePassword(AuthenticatedUser user, String currentPassword, String newPassword) {
        Objects.requireNonNull(user, "user");
        List<FieldViolation> missing = new ArrayList<>();
        if (currentPassword == null || currentPassword.isEmpty()) {
            missing.add(new FieldViolation("currentPassword", "must not be empty"));
        }
        if (newPassword == null) {
            missing.add(new FieldViolation("newPassword", "must not be null"));
        }
        if (!missing.isEmpty()) {
            throw AuthException.invalidRequest(missing);
        }
        Instant now = now();
        User stored = users.findById(user.userId())
                .orElseThrow(() -> new AuthException(AuthError.INVALID_CREDENTIALS, "invalid e-mail or password"));
        refuseIfLocked(attempts.find(stored.email()), stored.email(), ClientInfo.UNKNOWN, now);
        byte[] current = encoding.prepare(currentPassword);
        boolean verified;
        try {
            verified = hasher.verify(current, stored.passwordHash());
        } finally {
            Arrays.fill(current, (byte) 0);
        }
        if (!verified) {
            recordFailure(stored.email(), accountLockout, now);
            throw new AuthException(AuthError.INVALID_CREDENTIALS, "the current password is wrong");
        }
        setPassword(stored, newPassword, "newPassword", user.sessionId());
    }

    /**
     * Sets a new password without the current one, for a reset flow in which the host has
     * already proved the user's identity (for example by a link sent by e-mail). Ends every
     * session of the user and lifts any log-in lock of the account.
     *
     * @param userId the user's id
     * @param newPassword the new password, checked by the policy
     * @return true when the user exists and the password was set; false for an unknown user
     * @throws AuthException {@link AuthError#INVALID_REQUEST} when the password breaks the policy
     * @throws StoreException if a store fails
     * @throws NullPointerException if {@code userId} is null
     */
    public boolean resetPassword(String userId, String newPassword) {
        Objects.requireNonNull(userId, "userId");
        if (newPassword == null) {
            throw AuthException.invalidRequest(List.of(new FieldViolation("newPassword", "must not be null")));
        }
        Optional<User> stored = users.findById(userId);
        if (stored.isEmpty()) {
            return false;
        }
        setPassword(stored.get(), newPassword, "newPassword", null);
        return true;
    }

    private void setPassword(User user, String newPassword, String field, String keepSessionId) {
        List<FieldViolation> violations = new ArrayList<>();
        for (String problem : policy.check(newPassword, user.userName(), user.email())) {
            violations.add(new FieldViolation(field, problem));
        }
        if (!violations.isEmpty()) {
            throw AuthException.invalidRequest(violations);
        }
        if (!users.updatePasswordHash(user.id(), hash(newPassword))) {
            throw new AuthException(AuthError.INVALID_CREDENTIALS, "invalid e-mail or password");
        }
        attempts.reset(user.email());
        emit(new AuthEvent.PasswordChanged(now(), user.id()));
        revokeAll(user.id(), keepSessionId, REVOKED_PASSWORD_CHANGED);
    }

    // ------------------------------------------------------------------ housekeeping

    /**
     * Deletes one bounded batch of ended sessions (revoked or expired) and one of stale
     * log-in attempt records (last failure over a day ago, not locked). Call it regularly,
     * for example every minute from a scheduler, on any number of nodes.
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
        Instant now = now();
        return tokens.purge(now, batchSize) + attempts.purge(now.minus(STALE_ATTEMPTS), now, batchSize);
    }

    // ------------------------------------------------------------------ helpers

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private String hash(String password) {
        byte[] prepared = encoding.prepare(password);
        try {
            return hasher.hash(prepared);
        } finally {
            Arrays.fill(prepared, (byte) 0);
        }
    }

    private static UserAccount account(User user) {
        return new UserAccount(user.id(), user.userName(), user.email(), user.roles(), user.createdAt());
    }

    private static void requireToken(String token, String field) {
        if (token == null || token.isBlank()) {
            throw AuthException.invalidRequest(List.of(new FieldViolation(field, "must not be blank")));
        }
    }

    private static AuthException unknownSession() {
        return new AuthException(AuthError.INVALID_TOKEN, "unknown refresh token");
    }

    private static AuthException ended() {
        return new AuthException(AuthError.INVALID_TOKEN, "the session of this refresh token has ended");
    }

    private static AuthException reused() {
        return new AuthException(AuthError.REFRESH_TOKEN_REUSED,
                "this refresh token was already used: the session has been ended, log in again");
    }

    private void emit(AuthEvent event) {
        try {
            listener.onEvent(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "the event listener failed on " + event.getClass().getSimpleName(), e);
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
            checks.throwIfAny();
            AuthSettings effective = settings == null ? AuthSettings.defaults() : settings;
            PasswordHasher passwordHasher = hasher != null ? hasher : new BcryptPasswordHasher(effective.bcryptCost());
            return new AuthManager(this, passwordHasher, new PasswordEncoding(pepper));
        }
    }
}
