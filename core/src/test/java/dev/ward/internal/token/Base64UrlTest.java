package dev.ward.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("strict base64url")
class Base64UrlTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("every canonical encoding decodes, from text and from bytes, in any region")
    void canonicalDecodes() {
        Random random = new Random(7);
        for (int n = 0; n < 70; n++) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            assertThat(Base64Url.decode(text)).isEqualTo(bytes);
            assertThat(Base64Url.decode(ascii("x." + text + ".y"), 2, 2 + text.length())).isEqualTo(bytes);
        }
    }

    @Test
    @DisplayName("padding, foreign characters, impossible lengths and unused low bits are refused")
    void nonCanonicalIsRefused() {
        String canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {1, 2, 3, 4});
        assertThat(canonical).isEqualTo("AQIDBA");
        for (String bad : new String[] {"AQIDBA==", "AQIDBB", "AQIDBP", "AQ+DBA", "AQ/DBA", "AQ=DBA", "AQIDB", "AQ DBA",
            "AQIDBé", "AQIDB\u0000"}) {
            assertThat(Base64Url.decode(bad)).as(bad).isNull();
            assertThat(Base64Url.decode(ascii(bad), 0, bad.length())).as(bad + " as bytes").isNull();
        }
    }
}
