package dev.ward.examples.contract;

import static dev.ward.examples.contract.HttpApiContract.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.examples.contract.Api.Response;
import dev.ward.examples.contract.Mailbox.Mail;
import dev.ward.examples.contract.ServerFactory.RunningServer;
import dev.ward.store.tck.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The account lifecycle end to end: the server sends real mail over SMTP to a GreenMail server
 * started for the class, the tests read the link out of the message, take the token from its
 * fragment and finish each flow over HTTP, as a user's browser would. Each subclass names its
 * server ({@link ServerFactory}) and its {@link StoreKind}. Tests use their own addresses, so they do not depend on one another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AccountLifecycleContract {

    /** The password the reset sets. */
    public static final String NEW_PASSWORD = "a brand new passphrase for the account";
    public static final String VERIFY_SUBJECT = "Confirm your e-mail address";
    public static final String RESET_SUBJECT = "Reset your password";
    public static final String CHANGED_SUBJECT = "Your password was changed";
    public static final String NEW_ADDRESS_SUBJECT = "Confirm your new e-mail address";
    public static final String CHANGE_NOTICE_SUBJECT = "A change of your e-mail address was asked for";
    public static final String LINK_SUBJECT = "Your log-in link";

    private static final AtomicInteger USERS = new AtomicInteger();

    Mailbox mailbox;
    MutableClock clock;
    RunningServer server;
    Api api;
    private final List<RunningServer> extraServers = new ArrayList<>();

    /**
     * The store kind this class runs against.
     *
     * @return the kind
     */
    protected abstract StoreKind kind();

    /**
     * The server this class runs against.
     *
     * @return what starts it
     */
    protected abstract ServerFactory servers();

    @BeforeAll
    void start() {
        mailbox = Mailbox.start();
        clock = new MutableClock(Instant.parse("2026-02-02T09:00:00Z"));
        server = servers().start(settings(Map.of()), clock);
        api = new Api(server.port());
    }

    @AfterAll
    void stop() {
        extraServers.forEach(RunningServer::stop);
        if (server != null) {
            server.stop();
        }
        if (mailbox != null) {
            mailbox.close();
        }
    }

    Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(kind().freshDatabase());
        settings.put("PORT", "0");
        settings.put("HOST", "127.0.0.1");
        settings.put("SALT", "4");
        settings.put("ACCESS_TOKEN_PRIVATE_KEY", HttpApiContract.KEY);
        settings.put("ADMIN_EMAIL", HttpApiContract.ADMIN_EMAIL);
        settings.put("ADMIN_PASSWORD", Api.PASSWORD);
        settings.putAll(mailbox.serverSettings());
        settings.putAll(overrides);
        return settings;
    }

    /** A server with its own settings and database, on the same mailbox and clock, stopped after the class. */
    Api extraServer(Map<String, String> overrides) {
        RunningServer extra = servers().start(settings(overrides), clock);
        extraServers.add(extra);
        return new Api(extra.port());
    }

    /** A fresh address; signs up on the given server and returns the address. */
    static String signUp(Api on) {
        String email = "life" + USERS.incrementAndGet() + "@example.com";
        Response response = on.signUp("life" + USERS.get(), email, Api.PASSWORD);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return email;
    }

    static JsonNode logIn(Api on, String email, String password) {
        Response response = on.logIn(email, password);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    static Response post(Api on, String path, Object body, String... headers) {
        return on.json("POST", path, body, headers);
    }

    static String bearer(JsonNode logIn) {
        return "Bearer " + logIn.path("accessToken").asText();
    }

    @Nested
    @DisplayName("e-mail verification")
    class Verification {

        @Test
        @DisplayName("sign-up mails a link with the token in the fragment; POST /api/verifyEmail verifies once")
        void signUpMailsALinkThatVerifies() {
            String email = signUp(api);

            Mail mail = mailbox.next(email, VERIFY_SUBJECT);
            assertThat(mail.from()).isEqualTo("Ward tests <ward@example.org>");
            String link = mail.link(Mailbox.VERIFY_EMAIL);
            assertThat(link).startsWith("http://localhost:" + server.port() + "/#verify-email=").doesNotContain("?");
            String token = mail.token(Mailbox.VERIFY_EMAIL);

            Response verified = post(api, "/api/verifyEmail", Map.of("token", token));
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.json().path("user").path("email").asText()).isEqualTo(email);
            assertThat(verified.json().path("user").path("emailVerified").asBoolean()).isTrue();
            assertThat(api.getWithToken("/api/me", logIn(api, email, Api.PASSWORD).path("accessToken").asText())
                    .json().path("emailVerified").asBoolean()).isTrue();

            assertError(post(api, "/api/verifyEmail", Map.of("token", token)), 400, "INVALID_ONE_TIME_TOKEN");
        }

        @Test
        @DisplayName("POST /api/verifyEmail/resend mails a new link (202) that supersedes the first")
        void resendSupersedes() {
            String email = signUp(api);
            String first = mailbox.next(email, VERIFY_SUBJECT).token(Mailbox.VERIFY_EMAIL);
            JsonNode session = logIn(api, email, Api.PASSWORD);

            Response resent = api.send("POST", "/api/verifyEmail/resend", null, "Authorization", bearer(session));
            assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
            String second = mailbox.next(email, VERIFY_SUBJECT).token(Mailbox.VERIFY_EMAIL);

            assertThat(second).isNotEqualTo(first);
            assertError(post(api, "/api/verifyEmail", Map.of("token", first)), 400, "INVALID_ONE_TIME_TOKEN");
            assertThat(post(api, "/api/verifyEmail", Map.of("token", second)).status()).isEqualTo(200);
            assertError(api.send("POST", "/api/verifyEmail/resend", null), 401, "INVALID_TOKEN");
        }

        @Test
        @DisplayName("a missing or malformed token is a 400 that says which")
        void badTokens() {
            Response missing = post(api, "/api/verifyEmail", Map.of());
            assertError(missing, 400, "INVALID_REQUEST");
            assertThat(missing.json().path("details").get(0).path("field").asText()).isEqualTo("token");
            assertError(post(api, "/api/verifyEmail", Map.of("token", 42)), 400, "INVALID_REQUEST");
            assertError(post(api, "/api/verifyEmail", Map.of("token", "not-a-token")), 400, "INVALID_ONE_TIME_TOKEN");
        }

        @Test
        @DisplayName("with REQUIRE_VERIFIED_EMAIL, the right password is refused (403 EMAIL_NOT_VERIFIED) until verified")
        void requireVerifiedEmail() {
            Api strict = extraServer(Map.of("REQUIRE_VERIFIED_EMAIL", "true"));
            String email = signUp(strict);

            assertError(strict.logIn(email, Api.PASSWORD), 403, "EMAIL_NOT_VERIFIED");
            assertError(strict.logIn(email, "a wrong password of some length"), 401, "INVALID_CREDENTIALS");
            String token = mailbox.next(email, VERIFY_SUBJECT).token(Mailbox.VERIFY_EMAIL);
            assertThat(post(strict, "/api/verifyEmail", Map.of("token", token)).status()).isEqualTo(200);

            assertThat(strict.logIn(email, Api.PASSWORD).status()).isEqualTo(200);
            assertThat(strict.logIn(HttpApiContract.ADMIN_EMAIL, Api.PASSWORD).status())
                    .as("the admin of ADMIN_EMAIL counts as verified").isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("password reset")
    class PasswordReset {

        @Test
        @DisplayName("forgot -> mail -> reset: the old password and refresh token stop working, the new password works")
        void resetEndToEnd() {
            String email = signUp(api);
            JsonNode before = logIn(api, email, Api.PASSWORD);

            Response forgot = post(api, "/api/password/forgot", Map.of("email", email));
            assertThat(forgot.status()).as(forgot.toString()).isEqualTo(202);
            Mail mail = mailbox.next(email, RESET_SUBJECT);
            assertThat(mail.link(Mailbox.RESET_PASSWORD)).doesNotContain("?");
            String token = mail.token(Mailbox.RESET_PASSWORD);

            Response reset = post(api, "/api/password/reset", Map.of("token", token, "password", NEW_PASSWORD));
            assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
            assertThat(reset.refreshCookieAttributes()).containsEntry("max-age", "0");
            assertThat(mailbox.next(email, CHANGED_SUBJECT).body()).contains("changed");

            assertError(api.logIn(email, Api.PASSWORD), 401, "INVALID_CREDENTIALS");
            assertThat(api.logIn(email, NEW_PASSWORD).status()).isEqualTo(200);
            assertThat(api.refresh(before.path("refreshToken").asText()).status()).isEqualTo(401);
            assertError(post(api, "/api/password/reset", Map.of("token", token, "password", NEW_PASSWORD + "!")),
                    400, "INVALID_ONE_TIME_TOKEN");
        }

        @Test
        @DisplayName("an unknown address gets the same status and body, and no mail")
        void unknownAddressLooksTheSame() {
            String known = signUp(api);
            String unknown = "nobody" + USERS.incrementAndGet() + "@example.com";

            Response forUnknown = post(api, "/api/password/forgot", Map.of("email", unknown));
            Response forKnown = post(api, "/api/password/forgot", Map.of("email", known));

            assertThat(forUnknown.status()).isEqualTo(202).isEqualTo(forKnown.status());
            assertThat(forUnknown.text()).isEqualTo(forKnown.text());
            // One thread sends in order: once the later mail is in, the earlier would be too.
            mailbox.next(known, RESET_SUBJECT);
            assertThat(mailbox.allTo(unknown)).isEmpty();
        }

        @Test
        @DisplayName("a password the policy refuses is a 400 with details, and does not use up the link")
        void refusedPasswordKeepsTheLink() {
            String email = signUp(api);
            post(api, "/api/password/forgot", Map.of("email", email));
            String token = mailbox.next(email, RESET_SUBJECT).token(Mailbox.RESET_PASSWORD);

            Response weak = post(api, "/api/password/reset", Map.of("token", token, "password", "short"));
            assertError(weak, 400, "INVALID_REQUEST");
            assertThat(weak.json().path("details").get(0).path("field").asText()).isEqualTo("password");
            Response missing = post(api, "/api/password/reset", Map.of());
            assertError(missing, 400, "INVALID_REQUEST");
            assertThat(missing.json().path("details").findValuesAsText("field")).containsExactly("token", "password");

            assertThat(post(api, "/api/password/reset", Map.of("token", token, "password", NEW_PASSWORD)).status())
                    .isEqualTo(200);
        }

        @Test
        @DisplayName("a malformed or missing address is a 400")
        void malformedAddress() {
            assertError(post(api, "/api/password/forgot", Map.of("email", "not an address")), 400, "INVALID_REQUEST");
            assertError(post(api, "/api/password/forgot", Map.of()), 400, "INVALID_REQUEST");
        }
    }

    @Nested
    @DisplayName("change of e-mail address")
    class EmailChange {

        @Test
        @DisplayName("the link goes to the new address and a notice to the old one; confirming moves the log-in")
        void changeEndToEnd() {
            String old = signUp(api);
            String fresh = "moved" + USERS.incrementAndGet() + "@example.com";
            JsonNode session = logIn(api, old, Api.PASSWORD);

            Response change = post(api, "/api/email/change", Map.of("currentPassword", Api.PASSWORD, "newEmail", fresh),
                    "Authorization", bearer(session));
            assertThat(change.status()).as(change.toString()).isEqualTo(202);
            assertThat(mailbox.next(old, CHANGE_NOTICE_SUBJECT).body()).contains(fresh)
                    .doesNotContain("#" + Mailbox.CONFIRM_EMAIL);
            String token = mailbox.next(fresh, NEW_ADDRESS_SUBJECT).token(Mailbox.CONFIRM_EMAIL);
            assertThat(api.logIn(fresh, Api.PASSWORD).status()).as("not before the link is used").isEqualTo(401);

            Response confirmed = post(api, "/api/email/confirm", Map.of("token", token));
            assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
            assertThat(confirmed.json().path("user").path("email").asText()).isEqualTo(fresh);

            assertThat(api.logIn(fresh, Api.PASSWORD).status()).isEqualTo(200);
            assertError(api.logIn(old, Api.PASSWORD), 401, "INVALID_CREDENTIALS");
            assertError(post(api, "/api/email/confirm", Map.of("token", token)), 400, "INVALID_ONE_TIME_TOKEN");
        }

        @Test
        @DisplayName("needs the bearer token and the right current password; a taken address is a 409")
        void refused() {
            String email = signUp(api);
            String other = signUp(api);
            JsonNode session = logIn(api, email, Api.PASSWORD);

            assertError(post(api, "/api/email/change", Map.of("currentPassword", Api.PASSWORD, "newEmail", "x@example.com")),
                    401, "INVALID_TOKEN");
            assertError(post(api, "/api/email/change", Map.of("currentPassword", "not the password at all",
                    "newEmail", "y" + email), "Authorization", bearer(session)), 401, "INVALID_CREDENTIALS");
            assertError(post(api, "/api/email/change", Map.of("currentPassword", Api.PASSWORD, "newEmail", other),
                    "Authorization", bearer(session)), 409, "EMAIL_TAKEN");
            Response invalid = post(api, "/api/email/change", Map.of("newEmail", "nope"), "Authorization",
                    bearer(session));
            assertError(invalid, 400, "INVALID_REQUEST");
            assertThat(invalid.json().path("details").findValuesAsText("field"))
                    .contains("currentPassword", "newEmail");
        }
    }

    @Nested
    @DisplayName("log-in links")
    class LogInLinks {

        @Test
        @DisplayName("are off by default: 404 NOT_ENABLED")
        void offByDefault() {
            assertError(post(api, "/api/logInLink", Map.of("email", signUp(api))), 404, "NOT_ENABLED");
        }

        @Test
        @DisplayName("with LOG_IN_LINKS on, the mailed link logs in once, like /api/logIn, cookie-only transport honoured")
        void logInThroughTheLink() {
            Api links = extraServer(Map.of("LOG_IN_LINKS", "true"));
            String email = signUp(links);
            String unknown = "ghost" + USERS.incrementAndGet() + "@example.com";

            Response forUnknown = post(links, "/api/logInLink", Map.of("email", unknown));
            Response requested = post(links, "/api/logInLink", Map.of("email", email));
            assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
            assertThat(forUnknown.status()).isEqualTo(202);
            assertThat(forUnknown.text()).isEqualTo(requested.text());
            String token = mailbox.next(email, LINK_SUBJECT).token(Mailbox.LOG_IN_LINK);
            assertThat(mailbox.allTo(unknown)).isEmpty();

            Response loggedIn = post(links, "/api/logInLink/confirm", Map.of("token", token),
                    Api.TOKEN_TRANSPORT, "cookie");
            assertThat(loggedIn.status()).as(loggedIn.toString()).isEqualTo(200);
            assertThat(loggedIn.json().has("accessToken")).isTrue();
            assertThat(loggedIn.json().has("refreshToken")).as("cookie-only transport").isFalse();
            assertThat(loggedIn.refreshCookieAttributes()).containsKeys("httponly", "samesite");
            assertThat(links.refresh(loggedIn.refreshCookieValue()).status()).isEqualTo(200);
            assertThat(links.getWithToken("/api/me", loggedIn.json().path("accessToken").asText()).json()
                    .path("email").asText()).isEqualTo(email);

            assertError(post(links, "/api/logInLink/confirm", Map.of("token", token)), 400, "INVALID_ONE_TIME_TOKEN");
        }
    }

    @Nested
    @DisplayName("deleting one's account")
    class DeleteAccount {

        @Test
        @DisplayName("DELETE /api/me with the password: 204, cookie cleared, log-in fails, the address is free")
        void deleted() {
            String email = signUp(api);
            JsonNode session = logIn(api, email, Api.PASSWORD);

            assertError(api.json("DELETE", "/api/me", Map.of("currentPassword", "not the password at all"),
                    "Authorization", bearer(session)), 401, "INVALID_CREDENTIALS");
            assertError(api.json("DELETE", "/api/me", Map.of(), "Authorization", bearer(session)), 400,
                    "INVALID_REQUEST");
            Response deleted = api.json("DELETE", "/api/me", Map.of("currentPassword", Api.PASSWORD),
                    "Authorization", bearer(session));

            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
            assertThat(deleted.refreshCookieAttributes()).containsEntry("max-age", "0");
            assertError(api.logIn(email, Api.PASSWORD), 401, "INVALID_CREDENTIALS");
            assertThat(api.refresh(session.path("refreshToken").asText()).status()).isEqualTo(401);
            assertThat(api.signUp("again", email, Api.PASSWORD).status()).isEqualTo(201);
        }
    }

    @Nested
    @DisplayName("disabling and enabling a user (admin)")
    class DisableEnable {

        @Test
        @DisplayName("disabled: log-in 403 ACCOUNT_DISABLED, refresh 401; enabled again: log-in works")
        void disableThenEnable() {
            String email = signUp(api);
            JsonNode session = logIn(api, email, Api.PASSWORD);
            String id = api.getWithToken("/api/me", session.path("accessToken").asText()).json().path("id").asText();
            String admin = bearer(logIn(api, HttpApiContract.ADMIN_EMAIL, Api.PASSWORD));

            Response disabled = api.send("POST", "/api/admin/users/" + id + "/disable", null, "Authorization", admin);
            assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);
            assertError(api.logIn(email, Api.PASSWORD), 403, "ACCOUNT_DISABLED");
            assertThat(api.refresh(session.path("refreshToken").asText()).status()).isEqualTo(401);

            Response enabled = api.send("POST", "/api/admin/users/" + id + "/enable", null, "Authorization", admin);
            assertThat(enabled.status()).as(enabled.toString()).isEqualTo(204);
            assertThat(api.logIn(email, Api.PASSWORD).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("needs an admin (403 otherwise, 401 without a token); an unknown id is a 404")
        void onlyForAdmins() {
            String email = signUp(api);
            String user = bearer(logIn(api, email, Api.PASSWORD));
            String admin = bearer(logIn(api, HttpApiContract.ADMIN_EMAIL, Api.PASSWORD));

            assertError(api.send("POST", "/api/admin/users/x/disable", null, "Authorization", user), 403, "FORBIDDEN");
            assertError(api.send("POST", "/api/admin/users/x/enable", null), 401, "INVALID_TOKEN");
            assertError(api.send("POST", "/api/admin/users/00000000-0000-0000-0000-000000000000/disable", null,
                    "Authorization", admin), 404, "NOT_FOUND");
            assertError(api.send("POST", "/api/admin/users/" + "x".repeat(65) + "/enable", null,
                    "Authorization", admin), 404, "NOT_FOUND");
        }
    }
}
