package dev.ward.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Objects;

/**
 * The cross-site request forgery rule of Ward's HTTP API, shared by every adapter. The refresh
 * cookie is {@code SameSite=Strict} and scoped to the refresh route; on top of that, a request
 * that uses the cookie must carry {@code Content-Type: application/json} or an
 * {@code X-Requested-With} header. A cross-site HTML form can send neither, and a cross-site
 * script cannot send them without a CORS preflight the API never allows.
 *
 * <p>Also here: the {@value #TOKEN_TRANSPORT} header, with which a browser asks for the refresh
 * token in the HttpOnly cookie only, never in a body its scripts can read.
 */
public final class CsrfRule {

    /** The error code of a refused request. */
    public static final String FAILURE_CODE = "CSRF_CHECK_FAILED";
    /** The message of a refused request. */
    public static final String FAILURE_MESSAGE =
            "a request that uses the refresh cookie needs Content-Type: application/json or an X-Requested-With header";
    /** The header a script adds and a form cannot. */
    public static final String REQUESTED_WITH = "X-Requested-With";
    /**
     * The request header with which a browser asks for the refresh token in the cookie only:
     * {@code cookie}. Absent, or {@code body}, keeps the token in the JSON body as well.
     */
    public static final String TOKEN_TRANSPORT = "X-Ward-Token-Transport";

    private CsrfRule() {
    }

    /**
     * Tells whether a request may use the refresh cookie.
     *
     * @param request the request
     * @return true when it has a JSON content type or an {@value #REQUESTED_WITH} header
     * @throws NullPointerException if {@code request} is null
     */
    public static boolean allowsCookieUse(HttpServletRequest request) {
        Objects.requireNonNull(request, "request");
        return allowsCookieUse(request.getContentType(), request.getHeader(REQUESTED_WITH));
    }

    /**
     * Tells whether a request with these headers may use the refresh cookie.
     *
     * @param contentType the {@code Content-Type} header; may be null
     * @param requestedWith the {@value #REQUESTED_WITH} header; may be null
     * @return true when the content type is JSON or {@code requestedWith} is present
     */
    public static boolean allowsCookieUse(String contentType, String requestedWith) {
        return isJson(contentType) || requestedWith != null;
    }

    /**
     * Tells whether a content type is {@code application/json}, with any parameters.
     *
     * @param contentType the header; may be null
     * @return true for {@code application/json} in any case, with or without parameters
     */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.toLowerCase(Locale.ROOT).equals("application/json");
    }

    /**
     * Reads the {@value #TOKEN_TRANSPORT} header.
     *
     * @param value the header's value; may be null
     * @return true for {@code cookie}, false when absent or {@code body} (case and surrounding
     *     white space ignored)
     * @throws IllegalArgumentException for any other value (answer 400)
     */
    public static boolean cookieOnly(String value) {
        if (value == null || value.strip().equalsIgnoreCase("body")) {
            return false;
        }
        if (value.strip().equalsIgnoreCase("cookie")) {
            return true;
        }
        throw new IllegalArgumentException(TOKEN_TRANSPORT + " must be cookie or body");
    }
}
