package dev.ward.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.AuthError;
import dev.ward.AuthException;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerAuthorizationTest {

    @Nested
    class Token {

        @Test
        void bearerHeaderGivesTheTokenStripped() {
            assertThat(BearerAuthorization.token("Bearer abc.def.ghi")).isEqualTo("abc.def.ghi");
            assertThat(BearerAuthorization.token("Bearer   abc.def  ")).isEqualTo("abc.def");
        }

        @ParameterizedTest
        @ValueSource(strings = {"bearer t0k", "BEARER t0k", "bEaReR t0k"})
        void schemeIsCaseInsensitive(String header) {
            assertThat(BearerAuthorization.token(header)).isEqualTo("t0k");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void missingHeaderIsInvalidTokenAskingForOne(String header) {
            assertThatThrownBy(() -> BearerAuthorization.token(header))
                    .isInstanceOfSatisfying(AuthException.class, e -> {
                        assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN);
                        assertThat(e.httpStatus()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("needs an Authorization: Bearer");
                    });
        }

        @ParameterizedTest
        @ValueSource(strings = {"Bearer", "Bearer ", "Bearer    ", "Basic dXNlcjpwYXNz", "Bearerabc", "Token abc",
            "Bearer\tabc"})
        void otherSchemeOrBlankTokenIsInvalidTokenWithoutQuotingTheHeader(String header) {
            assertThatThrownBy(() -> BearerAuthorization.token(header))
                    .isInstanceOfSatisfying(AuthException.class, e -> {
                        assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN);
                        assertThat(e.getMessage()).isEqualTo("the Authorization header must be Bearer <access token>");
                    });
        }

        @Test
        void requestHeaderIsReadByName() {
            assertThat(BearerAuthorization.token(FakeRequests.withHeader("authorization", "Bearer xyz"))).isEqualTo("xyz");
            assertThatThrownBy(() -> BearerAuthorization.token(FakeRequests.empty()))
                    .isInstanceOf(AuthException.class);
        }

        @Test
        void nullRequestIsRefused() {
            assertThatThrownBy(() -> BearerAuthorization.token((jakarta.servlet.http.HttpServletRequest) null))
                    .isInstanceOf(NullPointerException.class);
        }

        @Test
        void authenticateRefusesNullManagerBeforeReadingTheRequest() {
            assertThatThrownBy(() -> BearerAuthorization.authenticate(null, FakeRequests.empty()))
                    .isInstanceOf(NullPointerException.class).hasMessage("auth");
        }
    }

    @Nested
    class Challenge {

        private final AuthException invalid = new AuthException(AuthError.INVALID_TOKEN, "bad");

        @Test
        void unauthorizedWithoutCredentialsNamesNoError() {
            assertThat(BearerAuthorization.challenge("ward", false, invalid)).isEqualTo("Bearer realm=\"ward\"");
        }

        @Test
        void unauthorizedWithCredentialsIsInvalidToken() {
            assertThat(BearerAuthorization.challenge("ward", true, invalid))
                    .isEqualTo("Bearer realm=\"ward\", error=\"invalid_token\"");
            assertThat(BearerAuthorization.challenge("ward", true, new AuthException(AuthError.TOKEN_EXPIRED, "old")))
                    .isEqualTo("Bearer realm=\"ward\", error=\"invalid_token\"");
        }

        @Test
        void forbiddenIsInsufficientScopeEvenWithoutCredentialsFlag() {
            AuthException forbidden = new AuthException(AuthError.FORBIDDEN, "role");
            assertThat(BearerAuthorization.challenge("api", true, forbidden))
                    .isEqualTo("Bearer realm=\"api\", error=\"insufficient_scope\"");
            assertThat(BearerAuthorization.challenge("api", false, forbidden))
                    .isEqualTo("Bearer realm=\"api\", error=\"insufficient_scope\"");
        }

        @Test
        void badRequestIsInvalidRequest() {
            assertThat(BearerAuthorization.challenge("ward", true, new AuthException(AuthError.INVALID_REQUEST, "x")))
                    .isEqualTo("Bearer realm=\"ward\", error=\"invalid_request\"");
        }

        @Test
        void otherStatusesNeedNoChallenge() {
            assertThat(BearerAuthorization.challenge("ward", true, AuthException.tooManyAttempts(Duration.ofSeconds(3))))
                    .isNull();
            assertThat(BearerAuthorization.challenge("ward", true, new AuthException(AuthError.EMAIL_TAKEN, "x")))
                    .isNull();
        }

        @Test
        void emptyRealmIsAllowed() {
            assertThat(BearerAuthorization.challenge("", false, invalid)).isEqualTo("Bearer realm=\"\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"wa\"rd", "wa\\rd", "wa\nrd", "wa\u0000rd", "wa\u007frd", "a\rb"})
        void realmThatCouldBreakTheQuotingIsRefused(String realm) {
            assertThatThrownBy(() -> BearerAuthorization.challenge(realm, true, invalid))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void realmIsCheckedEvenWhenNoChallengeIsNeeded() {
            assertThatThrownBy(() -> BearerAuthorization.challenge("\"", true, new AuthException(AuthError.EMAIL_TAKEN, "x")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void nullArgumentsAreRefused() {
            assertThatThrownBy(() -> BearerAuthorization.challenge(null, true, invalid))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> BearerAuthorization.challenge("ward", true, null))
                    .isInstanceOf(NullPointerException.class);
        }
    }
}
