package dev.ward.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WardCookiesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Nested
    class BasePath {

        @Test
        void pathsFollowTheBasePath() {
            WardCookies cookies = new WardCookies("/api", true);
            assertThat(cookies.refreshPath()).isEqualTo("/api/refreshToken");
            assertThat(cookies.devicePath()).isEqualTo("/api/logIn");
        }

        @Test
        void rootIsTheEmptyString() {
            WardCookies cookies = new WardCookies("", false);
            assertThat(cookies.refreshPath()).isEqualTo("/refreshToken");
            assertThat(cookies.devicePath()).isEqualTo("/logIn");
        }

        @Test
        void nestedBasePathIsAllowed() {
            assertThat(new WardCookies("/v1/auth", true).refreshPath()).isEqualTo("/v1/auth/refreshToken");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/", "api", "/api/", "/a;b", "/a,b", "/a b", "/a\tb", "/a\u007f", "/a\nb"})
        void basePathThatIsNotAPathOrCouldBreakTheHeaderIsRefused(String basePath) {
            assertThatThrownBy(() -> new WardCookies(basePath, true)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void nullBasePathIsRefused() {
            assertThatThrownBy(() -> new WardCookies(null, true)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class SetCookie {

        private final WardCookies cookies = new WardCookies("/api", true);

        @Test
        void refreshCookieIsHttpOnlyStrictSecureAndScopedToTheRefreshRoute() {
            assertThat(cookies.refresh("sid.secret_-", NOW.plusSeconds(600), NOW)).isEqualTo(
                    "refreshToken=sid.secret_-; Max-Age=600; Path=/api/refreshToken; HttpOnly; SameSite=Strict; Secure");
        }

        @Test
        void deviceCookieIsScopedToTheLogInRoute() {
            assertThat(cookies.device("dev1", NOW.plusSeconds(60), NOW)).isEqualTo(
                    "wardDevice=dev1; Max-Age=60; Path=/api/logIn; HttpOnly; SameSite=Strict; Secure");
        }

        @Test
        void insecureCookiesForPlainHttpDevelopmentSayNoSecure() {
            assertThat(new WardCookies("/api", false).refresh("t", NOW.plusSeconds(1), NOW))
                    .isEqualTo("refreshToken=t; Max-Age=1; Path=/api/refreshToken; HttpOnly; SameSite=Strict");
        }

        @Test
        void clearDeletesTheRefreshCookieOnItsPath() {
            assertThat(cookies.clearRefresh())
                    .isEqualTo("refreshToken=; Max-Age=0; Path=/api/refreshToken; HttpOnly; SameSite=Strict; Secure");
        }

        @Test
        void maxAgeIsRoundedUpToWholeSeconds() {
            assertThat(cookies.refresh("t", NOW.plusMillis(1), NOW)).contains("Max-Age=1;");
            assertThat(cookies.refresh("t", NOW.plusSeconds(59).plusNanos(1), NOW)).contains("Max-Age=60;");
            assertThat(cookies.refresh("t", NOW.plusSeconds(60), NOW)).contains("Max-Age=60;");
        }

        @Test
        void maxAgeIsZeroWhenTheTokenHasExpired() {
            assertThat(cookies.refresh("t", NOW, NOW)).contains("Max-Age=0;");
            assertThat(cookies.refresh("t", NOW.minusSeconds(5), NOW)).contains("Max-Age=0;");
            assertThat(WardCookies.maxAge(NOW.minusNanos(1), NOW)).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"a b", "a;b", "a,b", "a\"b", "a\\b", "a\u007fb", "a\u00e9b", "a\nb", "a\tb"})
        void valueACookieCannotHoldIsRefused(String value) {
            assertThatThrownBy(() -> cookies.refresh(value, NOW.plusSeconds(1), NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain(value);
            assertThatThrownBy(() -> cookies.device(value, NOW.plusSeconds(1), NOW))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void nullArgumentsAreRefused() {
            assertThatThrownBy(() -> cookies.refresh(null, NOW, NOW)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> cookies.refresh("t", null, NOW)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> cookies.device("t", NOW, null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class AddAndRead {

        @Test
        void addPutsOneSetCookieHeaderOnTheResponse() {
            List<String> added = new ArrayList<>();
            HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                        if (method.getName().equals("addHeader")) {
                            added.add(args[0] + ": " + args[1]);
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            WardCookies.add(response, "a=b");
            assertThat(added).containsExactly("Set-Cookie: a=b");
            assertThatThrownBy(() -> WardCookies.add(response, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> WardCookies.add(null, "a=b")).isInstanceOf(NullPointerException.class);
        }

        @Test
        void readFindsTheNamedCookie() {
            var request = FakeRequests.withHeaders(Map.of(), new Cookie("other", "x"), new Cookie(WardCookies.REFRESH, "r1"));
            assertThat(WardCookies.read(request, WardCookies.REFRESH)).contains("r1");
            assertThat(WardCookies.read(request, WardCookies.DEVICE)).isEmpty();
        }

        @Test
        void readIgnoresBlankValuesAndRequestsWithoutCookies() {
            assertThat(WardCookies.read(FakeRequests.withHeaders(Map.of(), new Cookie(WardCookies.REFRESH, "  ")),
                    WardCookies.REFRESH)).isEmpty();
            assertThat(WardCookies.read(FakeRequests.withHeaders(Map.of(), new Cookie(WardCookies.REFRESH, "")),
                    WardCookies.REFRESH)).isEmpty();
            assertThat(WardCookies.read(FakeRequests.empty(), WardCookies.REFRESH)).isEmpty();
        }

        @Test
        void readDropsTheQuotesAClientPutAroundTheValue() {
            var request = FakeRequests.withHeaders(Map.of(), new Cookie(WardCookies.REFRESH, "\"r1\""),
                    new Cookie(WardCookies.DEVICE, "\"\""));
            assertThat(WardCookies.read(request, WardCookies.REFRESH)).contains("r1");
            assertThat(WardCookies.read(request, WardCookies.DEVICE)).isEmpty();
        }

        @Test
        void readSkipsABlankCookieForALaterOneOfTheSameName() {
            var request = FakeRequests.withHeaders(Map.of(), new Cookie(WardCookies.REFRESH, " "),
                    new Cookie(WardCookies.REFRESH, "r2"));
            assertThat(WardCookies.read(request, WardCookies.REFRESH)).contains("r2");
        }

        @Test
        void readRefusesNulls() {
            assertThatThrownBy(() -> WardCookies.read(null, "x")).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> WardCookies.read(FakeRequests.empty(), null)).isInstanceOf(NullPointerException.class);
        }
    }
}
