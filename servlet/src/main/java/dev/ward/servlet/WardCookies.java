package dev.ward.servlet;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The cookies of Ward's HTTP API, written the same way by every adapter: the refresh token
 * (scoped to the refresh route) and the known-device token (scoped to the log-in route). Both are
 * {@code HttpOnly} and {@code SameSite=Strict}, {@code Secure} unless turned off for plain-HTTP
 * development, and live exactly as long as their token ({@code Max-Age}, rounded up to whole
 * seconds). Immutable and thread-safe.
 *
 * <pre>{@code
 * WardCookies cookies = new WardCookies("/api", true);
 * response.addHeader("Set-Cookie", cookies.refresh(pair.refreshToken(), pair.refreshTokenExpiresAt(), clock.instant()));
 * }</pre>
 */
public final class WardCookies {

    /** The name of the refresh-token cookie. */
    public static final String REFRESH = "refreshToken";
    /** The name of the known-device cookie. */
    public static final String DEVICE = "wardDevice";
    /** The base path of Ward's API in the example server and, by default, in the adapters. */
    public static final String DEFAULT_BASE_PATH = "/api";

    private final String refreshPath;
    private final String devicePath;
    private final boolean secure;

    /**
     * Creates the cookie writer for an API served under a base path.
     *
     * @param basePath where the API is served, for example {@code /api}: starts with {@code /},
     *     does not end with one (the root is {@code ""}), holds no {@code ;}, white space or control
     *     character
     * @param secure whether the cookies say {@code Secure}; turn it off only for plain-HTTP
     *     development on localhost
     * @throws IllegalArgumentException if {@code basePath} is not such a path
     * @throws NullPointerException if {@code basePath} is null
     */
    public WardCookies(String basePath, boolean secure) {
        Objects.requireNonNull(basePath, "basePath");
        if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))
                || basePath.chars().anyMatch(c -> c == ';' || c == ',' || c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("basePath must be empty or start with / and not end with one, "
                    + "without ; , white space or control characters");
        }
        this.refreshPath = basePath + "/refreshToken";
        this.devicePath = basePath + "/logIn";
        this.secure = secure;
    }

    /**
     * Returns the path the refresh cookie is sent to.
     *
     * @return for example {@code /api/refreshToken}
     */
    public String refreshPath() {
        return refreshPath;
    }

    /**
     * Returns the path the device cookie is sent to.
     *
     * @return for example {@code /api/logIn}
     */
    public String devicePath() {
        return devicePath;
    }

    /**
     * Returns the {@code Set-Cookie} value that stores a refresh token.
     *
     * @param token the refresh token
     * @param expiresAt when the token expires
     * @param now the current time
     * @return the header value
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code token} holds a character a cookie value cannot
     */
    public String refresh(String token, Instant expiresAt, Instant now) {
        return cookie(REFRESH, token, refreshPath, maxAge(expiresAt, now));
    }

    /**
     * Returns the {@code Set-Cookie} value that deletes the refresh cookie.
     *
     * @return the header value
     */
    public String clearRefresh() {
        return cookie(REFRESH, "", refreshPath, 0);
    }

    /**
     * Returns the {@code Set-Cookie} value that stores a known-device token.
     *
     * @param token the device token
     * @param expiresAt when the token expires
     * @param now the current time
     * @return the header value
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code token} holds a character a cookie value cannot
     */
    public String device(String token, Instant expiresAt, Instant now) {
        return cookie(DEVICE, token, devicePath, maxAge(expiresAt, now));
    }

    /**
     * Adds a {@code Set-Cookie} header to a response.
     *
     * @param response the response
     * @param setCookie a value from this class
     * @throws NullPointerException if an argument is null
     */
    public static void add(HttpServletResponse response, String setCookie) {
        Objects.requireNonNull(response, "response").addHeader("Set-Cookie", Objects.requireNonNull(setCookie, "setCookie"));
    }

    /**
     * Reads a cookie of a request.
     *
     * @param request the request
     * @param name the cookie's name, for example {@link #REFRESH}
     * @return its value (without the double quotes a client may have put around it), or empty
     *     when the request has no such cookie or it is blank
     * @throws NullPointerException if an argument is null
     */
    public static Optional<String> read(HttpServletRequest request, String name) {
        Objects.requireNonNull(name, "name");
        Cookie[] cookies = Objects.requireNonNull(request, "request").getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            String value = unquoted(cookie.getValue());
            if (name.equals(cookie.getName()) && value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * Drops one pair of surrounding double quotes: RFC 6265 allows a quoted cookie value, and
     * some clients (Java's {@code CookieManager}) send one, which some containers (Tomcat) pass
     * on with the quotes. Ward's values never hold a quote.
     */
    private static String unquoted(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Seconds from {@code now} to {@code expiresAt}, rounded up; 0 when already past. */
    static long maxAge(Instant expiresAt, Instant now) {
        Duration left = Duration.between(Objects.requireNonNull(now, "now"), Objects.requireNonNull(expiresAt, "expiresAt"));
        if (left.isNegative()) {
            return 0;
        }
        return left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    }

    private String cookie(String name, String value, String path, long maxAgeSeconds) {
        Objects.requireNonNull(value, "token");
        // RFC 6265 cookie-octets: Ward's tokens are base64url and dots, so this never fires for them.
        if (value.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\')) {
            throw new IllegalArgumentException("a cookie value cannot hold white space, quotes, commas, semicolons, "
                    + "backslashes or non-ASCII characters");
        }
        return name + "=" + value + "; Max-Age=" + maxAgeSeconds + "; Path=" + path
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
