package dev.ward.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthEvent;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.AuthSettings;
import dev.ward.LogInRequest;
import dev.ward.SignUpRequest;
import dev.ward.UserAccount;
import dev.ward.spring.metrics.WardMetrics;
import dev.ward.store.UserRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The secured host application over real HTTP, the same on every database: subclasses start
 * it on H2 and on PostgreSQL.
 */
abstract class SecuredAppContract {

    static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;
    @Autowired
    AuthManager auth;
    @Autowired
    UserRepository users;
    @Autowired
    TestApps.Recorder recorder;
    @Autowired
    MeterRegistry meters;
    @Autowired
    HealthIndicator wardHealthIndicator;
    @Autowired
    WardPurge purge;
    @Autowired
    TestApps.MovableClock clock;

    Http http;
    String email;
    UserAccount account;

    @BeforeEach
    void signUp() {
    http = new Http(port);
    email = "user-" + UUID.randomUUID() + "@example.com";
    account = auth.signUp(new SignUpRequest("user", email, PASSWORD));
    }

    String logIn() {
    return auth.logIn(new LogInRequest(email, PASSWORD)).accessToken();
    }

    // Flat, not @Nested: nested classes of an abstract contract would not inherit the
    // subclass's @SpringBootTest.

    @Test
    void aValidTokenAuthenticatesAsTheAuthenticatedUserPrincipal() {
        HttpResponse<String> response = http.get("/me", logIn());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(account.id());
    }

    @Test
    void noTokenIsRefusedWith401AndAChallengeWithoutError() {
        HttpResponse<String> response = http.get("/me", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ward\"");
        assertThat(response.body()).startsWith("{\"error\":true,\"code\":\"INVALID_TOKEN\",\"message\":");
    }

    @Test
    void aForgedTokenIsRefusedWith401InvalidToken() {
        HttpResponse<String> response = http.get("/me", "not.a.token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"ward\", error=\"invalid_token\"");
        assertThat(response.body()).contains("\"code\":\"INVALID_TOKEN\"").doesNotContain("not.a.token");
    }

    @Test
    void anExpiredTokenIsRefusedWith401TokenExpiredOnTheHostsClock() {
        String token = logIn();
        clock.advance(Duration.ofMinutes(AuthSettings.DEFAULT_ACCESS_TOKEN_TTL_MINUTES + 1));

        HttpResponse<String> response = http.get("/me", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"ward\", error=\"invalid_token\"");
        assertThat(response.body()).contains("\"code\":\"TOKEN_EXPIRED\"");
    }

    @Test
    void withTheEndpointsOffNothingUnderTheBasePathIsOpened() {
        HttpResponse<String> response = http.get("/api/no-such-endpoint", "not.a.token");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aUserWithoutTheRoleGets403InsufficientScopeFromPreAuthorize() {
        HttpResponse<String> response = http.get("/audit", logIn());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"ward\", error=\"insufficient_scope\"");
        assertThat(response.body()).contains("\"code\":\"FORBIDDEN\"");
    }

    @Test
    void anAdminPassesPreAuthorizeWithWardsRoleAsAnAuthority() {
        users.updateRoles(account.id(), Set.of("admin"));

        HttpResponse<String> response = http.get("/audit", logIn());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("audit");
    }

    @Test
    void noSessionCookieIsSetSinceTheChainIsStateless() {
        HttpResponse<String> response = http.get("/me", logIn());

        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void wardEventsArriveAsSpringEventsAndAtTheHostsListener() {
        logIn();

        assertThat(recorder.springEvents).anySatisfy(event ->
                assertThat(event).isInstanceOfSatisfying(AuthEvent.LoggedIn.class,
                        loggedIn -> assertThat(loggedIn.userId()).isEqualTo(account.id())));
        assertThat(recorder.listenerEvents).anySatisfy(event ->
                assertThat(event).isInstanceOfSatisfying(AuthEvent.LoggedIn.class,
                        loggedIn -> assertThat(loggedIn.userId()).isEqualTo(account.id())));
    }

    @Test
    void logInsAreCountedByOutcome() {
        double success = count("success");
        double wrong = count("wrong_password");

        logIn();
        try {
            auth.logIn(new LogInRequest(email, "wrong password, sorry"));
        } catch (AuthException expected) {
            // counted below
        }

        assertThat(count("success")).isEqualTo(success + 1);
        assertThat(count("wrong_password")).isEqualTo(wrong + 1);
    }

    @Test
    void refreshesAreCounted() {
        String refresh = auth.logIn(new LogInRequest(email, PASSWORD)).refreshToken();
        double before = refreshes();

        auth.refresh(refresh);

        assertThat(refreshes()).isEqualTo(before + 1);
    }

    @Test
    void theStoresAreHealthy() {
        assertThat(wardHealthIndicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void thePurgeRunsWithTheContextAndDeletesEndedSessions() {
        String refresh = auth.logIn(new LogInRequest(email, PASSWORD)).refreshToken();
        auth.logOut(refresh);

        assertThat(purge.isRunning()).isTrue();
        assertThat(purge.purgeNow()).isGreaterThanOrEqualTo(0);
        assertThat(auth.sessions(account.id())).isEmpty();
    }

    private double count(String outcome) {
        var counter = meters.find(WardMetrics.LOG_INS).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double refreshes() {
        return meters.find(WardMetrics.REFRESHES).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
