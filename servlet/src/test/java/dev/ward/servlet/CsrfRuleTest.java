package dev.ward.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsrfRuleTest {

    @Nested
    class JsonContentType {

        @ParameterizedTest
        @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=UTF-8", " application/json ; x=y", "APPLICATION/JSON;"})
        void jsonWithAnyCaseAndParametersIsJson(String type) {
            assertThat(CsrfRule.isJson(type)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
            "application/jsonp", "application/json-patch+json", "application/problem+json", "text/json",
            "application/ json", "; application/json"})
        void anythingElseIsNotJson(String type) {
            assertThat(CsrfRule.isJson(type)).isFalse();
        }

        @Test
        void missingContentTypeIsNotJson() {
            assertThat(CsrfRule.isJson(null)).isFalse();
        }
    }

    @Nested
    class CookieUse {

        @Test
        void jsonContentTypeAllowsTheCookie() {
            assertThat(CsrfRule.allowsCookieUse("application/json; charset=utf-8", null)).isTrue();
        }

        @Test
        void requestedWithHeaderAllowsTheCookieWhateverItsValue() {
            assertThat(CsrfRule.allowsCookieUse(null, "XMLHttpRequest")).isTrue();
            assertThat(CsrfRule.allowsCookieUse("text/plain", "")).isTrue();
        }

        @Test
        void aFormPostIsRefused() {
            assertThat(CsrfRule.allowsCookieUse("application/x-www-form-urlencoded", null)).isFalse();
            assertThat(CsrfRule.allowsCookieUse("text/plain", null)).isFalse();
            assertThat(CsrfRule.allowsCookieUse(null, null)).isFalse();
        }

        @Test
        void requestHeadersAreRead() {
            assertThat(CsrfRule.allowsCookieUse(FakeRequests.withHeader("Content-Type", "application/json"))).isTrue();
            assertThat(CsrfRule.allowsCookieUse(FakeRequests.withHeader(CsrfRule.REQUESTED_WITH, "fetch"))).isTrue();
            assertThat(CsrfRule.allowsCookieUse(FakeRequests.withHeaders(Map.of("Content-Type", "text/plain")))).isFalse();
            assertThat(CsrfRule.allowsCookieUse(FakeRequests.empty())).isFalse();
        }

        @Test
        void nullRequestIsRefused() {
            assertThatThrownBy(() -> CsrfRule.allowsCookieUse(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void failureIsTheExampleServersAnswer() {
            assertThat(CsrfRule.FAILURE_CODE).isEqualTo("CSRF_CHECK_FAILED");
            assertThat(CsrfRule.FAILURE_MESSAGE).isEqualTo("a request that uses the refresh cookie needs "
                    + "Content-Type: application/json or an X-Requested-With header");
        }
    }

    @Nested
    class TokenTransport {

        @ParameterizedTest
        @ValueSource(strings = {"cookie", "COOKIE", " Cookie ", "cookie\t"})
        void cookieAsksForTheCookieOnly(String value) {
            assertThat(CsrfRule.cookieOnly(value)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"body", "BODY", " Body "})
        void bodyKeepsTheTokenInTheBody(String value) {
            assertThat(CsrfRule.cookieOnly(value)).isFalse();
        }

        @Test
        void absentKeepsTheTokenInTheBody() {
            assertThat(CsrfRule.cookieOnly(null)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "cookies", "both", "cookie,body", "header"})
        void anyOtherValueIsRefusedWithoutQuotingIt(String value) {
            assertThatThrownBy(() -> CsrfRule.cookieOnly(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("X-Ward-Token-Transport must be cookie or body");
        }
    }
}
