package dev.ward.servlet;

import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/**
 * Reads {@code Authorization: Bearer} access tokens (RFC 6750 §2.1) and writes the
 * {@code WWW-Authenticate} challenge of a refusal (RFC 6750 §3), the same way for every Ward
 * web adapter.
 *
 * <p>A missing header and a header of another scheme are both {@link AuthError#INVALID_TOKEN}
 * (401): the request is not authenticated. The challenge names an {@code error} only when the
 * client sent credentials, as RFC 6750 §3.1 asks: {@code invalid_token} for a 401,
 * {@code insufficient_scope} for a 403 (a role is missing), {@code invalid_request} for a 400.
 * Challenges never carry the token nor any text from the request.
 */
public final class BearerAuthorization {

    /** The request header that carries the access token. */
    public static final String HEADER = "Authorization";
    /** The response header of the challenge. */
    public static final String CHALLENGE_HEADER = "WWW-Authenticate";
    /** The realm Ward's adapters name unless configured otherwise. */
    public static final String DEFAULT_REALM = "ward";

    private static final String SCHEME = "Bearer ";

    private BearerAuthorization() {
    }

    /**
     * Returns the access token of a request's {@code Authorization: Bearer} header.
     *
     * @param request the request
     * @return the token (stripped of surrounding white space)
     * @throws AuthException {@link AuthError#INVALID_TOKEN} when the header is missing, of another
     *     scheme, or has no token
     * @throws NullPointerException if {@code request} is null
     */
    public static String token(HttpServletRequest request) {
        Objects.requireNonNull(request, "request");
        return token(request.getHeader(HEADER));
    }

    /**
     * Returns the access token of an {@code Authorization} header's value.
     *
     * @param header the header's value; may be null
     * @return the token (stripped of surrounding white space)
     * @throws AuthException {@link AuthError#INVALID_TOKEN} when the value is missing, of another
     *     scheme, or has no token
     */
    public static String token(String header) {
        if (header == null || header.isBlank()) {
            throw new AuthException(AuthError.INVALID_TOKEN, "this needs an Authorization: Bearer <access token> header");
        }
        // The scheme is case-insensitive (RFC 9110 §11.1).
        if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || header.substring(SCHEME.length()).isBlank()) {
            throw new AuthException(AuthError.INVALID_TOKEN, "the Authorization header must be Bearer <access token>");
        }
        return header.substring(SCHEME.length()).strip();
    }

    /**
     * Authenticates a request's bearer token.
     *
     * @param auth the manager
     * @param request the request
     * @return the user
     * @throws AuthException {@link AuthError#INVALID_TOKEN} without a usable header, and every
     *     refusal of {@link AuthManager#authenticate(String)}
     * @throws NullPointerException if an argument is null
     */
    public static AuthenticatedUser authenticate(AuthManager auth, HttpServletRequest request) {
        Objects.requireNonNull(auth, "auth");
        return auth.authenticate(token(request));
    }

    /**
     * Returns the {@code WWW-Authenticate} value for a refused request, or null when the refusal
     * needs none (it is neither a 401, a 403 nor a 400).
     *
     * @param realm the realm, for example {@link #DEFAULT_REALM}; quoted as is, so it must not
     *     hold a double quote or a backslash
     * @param credentialsSent whether the request had an {@code Authorization} header
     * @param failure the refusal
     * @return the challenge, for example {@code Bearer realm="ward", error="invalid_token"}
     * @throws IllegalArgumentException if {@code realm} holds a double quote, a backslash or a
     *     control character
     * @throws NullPointerException if {@code realm} or {@code failure} is null
     */
    public static String challenge(String realm, boolean credentialsSent, AuthException failure) {
        Objects.requireNonNull(failure, "failure");
        String base = "Bearer realm=\"" + checkedRealm(realm) + "\"";
        return switch (failure.httpStatus()) {
            case 401 -> credentialsSent ? base + ", error=\"invalid_token\"" : base;
            case 403 -> base + ", error=\"insufficient_scope\"";
            case 400 -> base + ", error=\"invalid_request\"";
            default -> null;
        };
    }

    private static String checkedRealm(String realm) {
        Objects.requireNonNull(realm, "realm");
        if (realm.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("the realm must not hold a double quote, a backslash or a control character");
        }
        return realm;
    }
}
