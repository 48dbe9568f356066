package dev.ward.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.store.Session;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("compact ids and hashes of the in-memory token store")
class CompactTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();

    private String random(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }

    @Test
    @DisplayName("Ward's ids and hashes become numbers and come back as the same text")
    void roundTrip() {
        for (int i = 0; i < 1000; i++) {
            String id = random(16);
            String hash = random(32);
            assertThat(Compact.id(id)).isInstanceOf(Compact.Id.class);
            assertThat(Compact.hash(hash)).isInstanceOf(Compact.Hash.class);
            assertThat(Compact.text(Compact.id(id))).isEqualTo(id);
            assertThat(Compact.text(Compact.hash(hash))).isEqualTo(hash);
        }
    }

    @Test
    @DisplayName("a text that only decodes leniently stays text, so two texts never become one number")
    void nonCanonicalStaysText() {
        String id = random(16);
        char last = id.charAt(21);
        // 22 characters carry 132 bits for 128: the low 4 bits of the last one are unused.
        String sibling = id.substring(0, 21) + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                .charAt(("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last) | 1));
        if (!sibling.equals(id)) {
            assertThat(Compact.id(sibling)).isEqualTo(sibling);
            assertThat(Compact.id(sibling)).isNotEqualTo(Compact.id(id));
        }
        assertThat(Compact.id("not-base64!")).isEqualTo("not-base64!");
        assertThat(Compact.hash("short")).isEqualTo("short");
        assertThat(Compact.id("a".repeat(20) + "==")).isEqualTo("a".repeat(20) + "==");
    }

    @Test
    @DisplayName("a stored session reads back equal, whichever kind of ids and hashes it has")
    void sessionsReadBackEqual() {
        InMemoryTokenStore store = new InMemoryTokenStore();
        Instant t = Instant.parse("2030-01-01T00:00:00.123Z");
        Session ward = Session.start(random(16), "user-1", random(32), random(32), t, t.plusSeconds(90), t.plusSeconds(30),
                "192.0.2.1", "Agent");
        Session other = Session.start("session-1", "user-1", "family", "current", t, t.plusSeconds(90),
                t.plusSeconds(30), null, null);

        store.create(ward);
        store.create(other);

        assertThat(store.findById(ward.id())).contains(ward);
        assertThat(store.findById(other.id())).contains(other);
        assertThat(store.findActiveByUser("user-1", t)).containsExactlyInAnyOrder(ward, other);
    }
}
