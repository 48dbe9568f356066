package dev.ward.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WardErrorResponses")
class WardErrorResponsesTest {

    @Test
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        assertThat(WardErrorResponses.json("a \"b\" \\ c\n\u0001")).isEqualTo("\"a \\\"b\\\" \\\\ c\\n\\u0001\"");
    }

    @Test
    void aRealmThatWouldBreakTheChallengeIsRefusedAtOnce() {
        assertThatThrownBy(() -> new WardErrorResponses("bad\"realm")).isInstanceOf(IllegalArgumentException.class);
    }
}
