package dev.ward.examples;

import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthenticatedUser;
import dev.ward.FieldViolation;
import dev.ward.TokenPair;
import dev.ward.UserAccount;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The account lifecycle's routes, registered by {@link HttpApi} with its conventions (JSON
 * bodies, {@code error}/{@code code}/{@code message} answers, 400 with every violation):
 * e-mail verification, the forgotten password, the change of address, log-in links, deleting
 * one's account, and disabling or enabling a user for an administrator.
 *
 * <p>The single-use tokens arrive in request bodies, never in a URL, so no access log holds
 * them. The two requests that name an address ({@code /api/password/forgot} and
 * {@code /api/logInLink}) answer 202 with the same body whether or not the address has an
 * account; only a client that asks too often gets 429.
 */
final class AccountApi {

    /** The roles that may disable and enable users. */
    static final String[] ADMIN_ROLES = {"admin", "super_admin"};

    private final AuthManager auth;
    private final HttpApi http;

    AccountApi(AuthManager auth, HttpApi http) {
        this.auth = auth;
        this.http = http;
    }

    /** Adds the routes. */
    void register(RoutesConfig routes) {
        routes.post("/api/verifyEmail", this::verifyEmail);
        routes.post("/api/verifyEmail/resend", this::resendVerification);
        routes.post("/api/password/forgot", this::forgotPassword);
        routes.post("/api/password/reset", this::resetPassword);
        routes.post("/api/email/change", this::changeEmail);
        routes.post("/api/email/confirm", this::confirmEmail);
        routes.post("/api/logInLink", this::requestLogInLink);
        routes.post("/api/logInLink/confirm", this::logInWithLink);
        routes.delete("/api/me", this::deleteAccount);
        routes.post("/api/admin/users/{id}/disable", ctx -> setDisabled(ctx, true));
        routes.post("/api/admin/users/{id}/enable", ctx -> setDisabled(ctx, false));
    }

    private void verifyEmail(Context ctx) {
        String token = token(new HttpApi.Fields(http.jsonBody(ctx)), List.of());
        UserAccount account = auth.verifyEmail(token);
        ctx.json(HttpApi.ok("e-mail address verified", "user", HttpApi.user(account)));
    }

    private void resendVerification(Context ctx) {
        AuthenticatedUser user = http.bearer(ctx);
        boolean sent = auth.requestEmailVerification(user.userId());
        ctx.status(202).json(HttpApi.ok(sent ? "a new verification link is on its way"
                : "no link was sent: the address is verified already, or links were sent to it a moment ago"));
    }

    private void forgotPassword(Context ctx) {
        HttpApi.Fields body = new HttpApi.Fields(http.jsonBody(ctx));
        String email = body.string("email");
        body.check();
        auth.requestPasswordReset(email, HttpApi.client(ctx));
        // The same answer for every address, so that it tells nobody who has an account.
        ctx.status(202).json(HttpApi.ok("if an account has this address, a link to reset its password is on its way"));
    }

    private void resetPassword(Context ctx) {
        HttpApi.Fields body = new HttpApi.Fields(http.jsonBody(ctx));
        String password = body.string("password");
        List<FieldViolation> more = password == null
                ? List.of(new FieldViolation("password", "must not be null")) : List.of();
        String token = token(body, more);
        UserAccount account = auth.resetPassword(token, password);
        // Every session ended with the reset: this browser's refresh cookie is dead too.
        http.clearCookie(ctx);
        ctx.json(HttpApi.ok("password changed; every session was ended: log in with the new password", "user",
                HttpApi.user(account)));
    }

    private void changeEmail(Context ctx) {
        AuthenticatedUser user = http.bearer(ctx);
        HttpApi.Fields body = new HttpApi.Fields(http.jsonBody(ctx));
        String currentPassword = body.string("currentPassword");
        String newEmail = body.string("newEmail");
        body.check();
        auth.requestEmailChange(user, currentPassword, newEmail);
        ctx.status(202).json(HttpApi.ok("a link to confirm the change was sent to the new address; "
                + "the address changes when it is opened"));
    }

    private void confirmEmail(Context ctx) {
        String token = token(new HttpApi.Fields(http.jsonBody(ctx)), List.of());
        UserAccount account = auth.confirmEmailChange(token);
        ctx.json(HttpApi.ok("e-mail address changed", "user", HttpApi.user(account)));
    }

    private void requestLogInLink(Context ctx) {
        HttpApi.Fields body = new HttpApi.Fields(http.jsonBody(ctx));
        String email = body.string("email");
        body.check();
        auth.requestLogInLink(email, HttpApi.client(ctx));
        ctx.status(202).json(HttpApi.ok("if an account has this address, a log-in link is on its way"));
    }

    private void logInWithLink(Context ctx) {
        String token = token(new HttpApi.Fields(http.jsonBody(ctx)), List.of());
        boolean cookieOnly = HttpApi.cookieOnly(ctx);
        TokenPair pair = auth.logInWithLink(token, HttpApi.client(ctx));
        http.loggedIn(ctx, pair, cookieOnly);
    }

    private void deleteAccount(Context ctx) {
        AuthenticatedUser user = http.bearer(ctx);
        HttpApi.Fields body = new HttpApi.Fields(http.jsonBody(ctx));
        String currentPassword = body.string("currentPassword");
        body.check();
        auth.deleteAccount(user, currentPassword);
        http.clearCookie(ctx);
        ctx.status(204);
    }

    private void setDisabled(Context ctx, boolean disabled) {
        http.bearer(ctx).requireAnyRole(ADMIN_ROLES);
        String id = ctx.pathParam("id");
        boolean known = id.length() <= 64 && (disabled ? auth.disableUser(id) : auth.enableUser(id));
        if (!known) {
            throw new HttpError(404, "NOT_FOUND", "no user has this id");
        }
        ctx.status(204);
    }

    /**
     * Reads the body's {@code token}, refusing a missing one together with the other fields'
     * violations; a present but wrong one is Ward's to refuse ({@code INVALID_ONE_TIME_TOKEN}).
     */
    private static String token(HttpApi.Fields body, List<FieldViolation> more) {
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
