package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RevocationReason")
class RevocationReasonTest {

    @Test
    @DisplayName("each reason keeps the code the stores have always held")
    void codesAreStable() {
        assertThat(Arrays.stream(RevocationReason.values()).map(RevocationReason::code)).containsExactly(
                "logout", "logout-everywhere", "reuse-detected", "revoked", "user-gone", "password-changed", "user-disabled");
    }

    @Test
    @DisplayName("fromCode finds every reason by its code, and nothing for null or a foreign code")
    void fromCodeRoundTrips() {
        for (RevocationReason reason : RevocationReason.values()) {
            assertThat(RevocationReason.fromCode(reason.code())).contains(reason);
        }
        assertThat(RevocationReason.fromCode(null)).isEmpty();
        assertThat(RevocationReason.fromCode("LOGOUT")).isEmpty();
        assertThat(RevocationReason.fromCode("deleted-by-admin")).isEmpty();
    }
}
