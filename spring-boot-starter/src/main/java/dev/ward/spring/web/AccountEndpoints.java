package dev.ward.spring.web;

import dev.ward.AuthManager;
import dev.ward.AuthenticatedUser;
import dev.ward.AuthException;
import dev.ward.FieldViolation;
import dev.ward.TokenPair;
import dev.ward.UserAccount;
import dev.ward.servlet.WardCookies;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The account lifecycle's routes, with the conventions of {@link SessionEndpoints}: e-mail
 * verification, the forgotten password, the change of address, log-in links, deleting one's
 * account, and disabling or enabling a user for an administrator.
 *
 * <p>The single-use tokens arrive in request bodies, never in a URL, so no access log holds
 * them. The two requests that name an address ({@code password/forgot} and {@code logInLink})
 * answer 202 with the same body whether or not the address has an account.
 */
final class AccountEndpoints {

    /** The roles that may see the admin route and disable and enable users. */
    static final String[] ADMIN_ROLES = {"admin", "super_admin"};

    private final AuthManager auth;
    private final SessionEndpoints sessions;
    private final WardCookies cookies;
    private final RequestBodies bodies;
    private final JsonAnswers json;

    AccountEndpoints(AuthManager auth, SessionEndpoints sessions, WardCookies cookies, RequestBodies bodies,
                     JsonAnswers json) {
        this.auth = auth;
        this.sessions = sessions;
        this.cookies = cookies;
        this.bodies = bodies;
        this.json = json;
    }

    private RequestBodies.Fields body(ServerRequest request) {
        return new RequestBodies.Fields(bodies.read(request.servletRequest()));
    }

    ServerResponse verifyEmail(ServerRequest request) {
        String token = token(body(request), List.of());
        UserAccount account = auth.verifyEmail(token);
        return json.json(200, JsonAnswers.ok("e-mail address verified", "user", JsonAnswers.user(account)));
    }

    ServerResponse resendVerification(ServerRequest request) {
        AuthenticatedUser user = sessions.bearer(request);
        boolean sent = auth.requestEmailVerification(user.userId());
        return json.json(202, JsonAnswers.ok(sent ? "a new verification link is on its way"
                : "no link was sent: the address is verified already, or links were sent to it a moment ago"));
    }

    ServerResponse forgotPassword(ServerRequest request) {
        RequestBodies.Fields body = body(request);
        String email = body.string("email");
        body.check();
        auth.requestPasswordReset(email, SessionEndpoints.client(request.servletRequest()));
        // The same answer for every address, so that it tells nobody who has an account.
        return json.json(202, JsonAnswers.ok("if an account has this address, a link to reset its password is on its way"));
    }

    ServerResponse resetPassword(ServerRequest request) {
        RequestBodies.Fields body = body(request);
        String password = body.string("password");
        List<FieldViolation> more = password == null
                ? List.of(new FieldViolation("password", "must not be null")) : List.of();
        String token = token(body, more);
        UserAccount account = auth.resetPassword(token, password);
        // Every session ended with the reset: this browser's refresh cookie is dead too.
        return json.json(200, JsonAnswers.ok("password changed; every session was ended: log in with the new password",
                "user", JsonAnswers.user(account)), List.of(cookies.clearRefresh()));
    }

    ServerResponse changeEmail(ServerRequest request) {
        AuthenticatedUser user = sessions.bearer(request);
        RequestBodies.Fields body = body(request);
        String currentPassword = body.string("currentPassword");
        String newEmail = body.string("newEmail");
        body.check();
        auth.requestEmailChange(user, currentPassword, newEmail);
        return json.json(202, JsonAnswers.ok("a link to confirm the change was sent to the new address; "
                + "the address changes when it is opened"));
    }

    ServerResponse confirmEmail(ServerRequest request) {
        String token = token(body(request), List.of());
        UserAccount account = auth.confirmEmailChange(token);
        return json.json(200, JsonAnswers.ok("e-mail address changed", "user", JsonAnswers.user(account)));
    }

    ServerResponse requestLogInLink(ServerRequest request) {
        RequestBodies.Fields body = body(request);
        String email = body.string("email");
        body.check();
        auth.requestLogInLink(email, SessionEndpoints.client(request.servletRequest()));
        return json.json(202, JsonAnswers.ok("if an account has this address, a log-in link is on its way"));
    }

    ServerResponse logInWithLink(ServerRequest request) {
        String token = token(body(request), List.of());
        boolean cookieOnly = SessionEndpoints.cookieOnly(request.servletRequest());
        TokenPair pair = sessions.timer().logIn(
                () -> auth.logInWithLink(token, SessionEndpoints.client(request.servletRequest())));
        return sessions.loggedIn(pair, cookieOnly);
    }

    ServerResponse deleteAccount(ServerRequest request) {
        AuthenticatedUser user = sessions.bearer(request);
        RequestBodies.Fields body = body(request);
        String currentPassword = body.string("currentPassword");
        body.check();
        auth.deleteAccount(user, currentPassword);
        return JsonAnswers.noContent(List.of(cookies.clearRefresh()));
    }

    ServerResponse disable(ServerRequest request) {
        return setDisabled(request, true);
    }

    ServerResponse enable(ServerRequest request) {
        return setDisabled(request, false);
    }

    private ServerResponse setDisabled(ServerRequest request, boolean disabled) {
        sessions.bearer(request).requireAnyRole(ADMIN_ROLES);
        String id = request.pathVariable("id");
        boolean known = id.length() <= 64 && (disabled ? auth.disableUser(id) : auth.enableUser(id));
        if (!known) {
            throw new WebError(404, "NOT_FOUND", "no user has this id");
        }
        return JsonAnswers.noContent(List.of());
    }

    /**
     * Reads the body's {@code token}, refusing a missing one together with the other fields'
     * violations; a present but wrong one is Ward's to refuse ({@code INVALID_ONE_TIME_TOKEN}).
     */
    private static String token(RequestBodies.Fields body, List<FieldViolation> more) {
        String token = body.string("token");
        List<FieldViolation> violations = new ArrayList<>(body.violations());
        if ((token == null || token.isBlank()) && violations.stream().noneMatch(v -> v.field().equals("token"))) {
            violations.add(new FieldViolation("token", "must not be empty"));
        }
        if (!violations.isEmpty()) {
            violations.addAll(more);
            throw AuthException.invalidRequest(violations);
        }
        return token;
    }
}
