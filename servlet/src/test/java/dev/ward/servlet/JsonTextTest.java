package dev.ward.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void plainTextIsOnlyQuoted() {
        assertThat(JsonText.quote("this needs a token: été ✓")).isEqualTo("\"this needs a token: été ✓\"");
        assertThat(JsonText.quote("")).isEqualTo("\"\"");
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(JsonText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void controlCharactersAreEscapedShortWhereJsonHasAShortForm() {
        assertThat(JsonText.quote("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
        assertThat(JsonText.quote("\u0000\u001f\u007f")).isEqualTo("\"\\u0000\\u001f\\u007f\"");
    }

    @Test
    void lineAndParagraphSeparatorsAreEscapedForJavaScript() {
        assertThat(JsonText.quote("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
    }

    @Test
    void slashAndNonAsciiStayAsTheyAre() {
        assertThat(JsonText.quote("</script>\uD83D\uDE00")).isEqualTo("\"</script>\uD83D\uDE00\"");
    }

    @Test
    void errorBodyHasTheApisShape() {
        assertThat(JsonText.error("INVALID_TOKEN", "the \"token\" is bad"))
                .isEqualTo("{\"error\":true,\"code\":\"INVALID_TOKEN\",\"message\":\"the \\\"token\\\" is bad\"}");
    }
}
