package dev.ward.security;

import static dev.ward.security.SecurityFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthError;
import dev.ward.AuthEvent;
import dev.ward.AuthException;
import dev.ward.TokenPair;
import dev.ward.store.Session;
import dev.ward.store.tck.Concurrently;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Attacks on refresh tokens: replay after rotation, tampering, and splicing between sessions.
 *
 * <p>Sources: RFC 9700 (OAuth 2.0 Security Best Current Practice) §4.14.2, OWASP ASVS 5.0 10.4.5
 * (rotation with revocation on reuse), DESIGN.md "Rotation".
 * RefreshTest covers the grace window in detail; these tests take the attacker's side.
 */
@DisplayName("Refresh-token attacks")
class RefreshTokenAttacksTest {

    private final SecurityFixture f = new SecurityFixture(s -> s.strictSessions(true));

    private Session session(String id) {
        return f.tokens.findById(id).orElseThrow();
    }

    private AuthError refreshError(String token) {
        return refusal(() -> f.auth.refresh(token)).error();
    }

    @Nested
    @DisplayName("reuse after rotation revokes the whole family (RFC 9700 §4.14.2, ASVS 10.4.5)")
    class Reuse {

        @Test
        @DisplayName("a stolen token replayed after the grace window revokes the session: the newest refresh and access tokens stop working")
        void replayAfterGraceRevokesFamily() {
            TokenPair t0 = f.signUpAndLogIn("alice@example.com");
            TokenPair t1 = f.auth.refresh(t0.refreshToken());
            TokenPair t2 = f.auth.refresh(t1.refreshToken());
            f.clock.advance(Duration.ofSeconds(31));

            assertThat(refreshError(t1.refreshToken())).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);

            assertThat(session(t0.sessionId()).revokeReason()).isEqualTo("reuse-detected");
            assertThat(refreshError(t2.refreshToken())).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);
            assertThat(refusal(() -> f.auth.authenticate(t2.accessToken())).error()).isEqualTo(AuthError.INVALID_TOKEN);
            assertThat(f.events(AuthEvent.RefreshTokenReused.class)).singleElement()
                    .satisfies(e -> assertThat(e.sessionId()).isEqualTo(t0.sessionId()));
        }

        @Test
        @DisplayName("the thief refreshes first; when the owner's copy of the same token comes back, the thief's tokens die too")
        void thiefFirstThenOwner() {
            TokenPair stolen = f.signUpAndLogIn("alice@example.com");
            TokenPair thief = f.auth.refresh(stolen.refreshToken());
            f.clock.advance(Duration.ofMinutes(5));

            assertThat(refreshError(stolen.refreshToken())).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);

            assertThat(refreshError(thief.refreshToken())).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);
            assertThat(refusal(() -> f.auth.authenticate(thief.accessToken())).error()).isEqualTo(AuthError.INVALID_TOKEN);
        }

        @Test
        @DisplayName("the second-to-last token revokes the family even inside the grace window")
        void secondToLastInsideGrace() {
            TokenPair t0 = f.signUpAndLogIn("alice@example.com");
            TokenPair t1 = f.auth.refresh(t0.refreshToken());
            f.clock.advance(Duration.ofSeconds(1));
            TokenPair t2 = f.auth.refresh(t1.refreshToken());
            f.clock.advance(Duration.ofSeconds(1));

            assertThat(refreshError(t0.refreshToken())).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);

            assertThat(session(t0.sessionId()).isRevoked()).isTrue();
            assertThat(refreshError(t2.refreshToken())).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);
        }

        @Test
        @DisplayName("sixteen concurrent replays of a rotated-out token are all refused and revoke the session once")
        void concurrentReplays() {
            TokenPair t0 = f.signUpAndLogIn("alice@example.com");
            f.auth.refresh(t0.refreshToken());
            f.clock.advance(Duration.ofMinutes(1));

            List<Concurrently.Outcome<TokenPair>> outcomes = Concurrently.run(16, i -> () -> f.auth.refresh(t0.refreshToken()));

            assertThat(outcomes).noneMatch(Concurrently.Outcome::succeeded)
                    .allSatisfy(o -> assertThat(o.failure()).isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.error()).isEqualTo(AuthError.REFRESH_TOKEN_REUSED)));
            assertThat(f.events(AuthEvent.RefreshTokenReused.class)).hasSize(1);
        }
    }

    @Nested
    @DisplayName("tampered tokens are refused without harming the session")
    class Tampering {

        @Test
        @DisplayName("every truncation of a refresh token, from either end, is INVALID_TOKEN and the session lives on")
        void truncated() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            String token = pair.refreshToken();
            for (int cut = 1; cut < token.length(); cut++) {
                assertThat(refreshError(token.substring(0, token.length() - cut))).isEqualTo(AuthError.INVALID_TOKEN);
                assertThat(refreshError(token.substring(cut))).isEqualTo(AuthError.INVALID_TOKEN);
            }
            assertThat(session(pair.sessionId()).isActive(f.clock.instant())).isTrue();
            assertThat(f.auth.refresh(token)).isNotNull();
        }

        @Test
        @DisplayName("a padded or wrapped refresh token is INVALID_TOKEN and the session lives on")
        void padded() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            String token = pair.refreshToken();
            List<String> variants = List.of(token + "=", token + "==", token + "A", token + "AA", token + " ", " " + token,
                    token + "\n", token + "\u0000", "\u0000" + token, token + "." + token, token + ".", "." + token,
                    "Bearer " + token, token.replace(".", ".."), token.replace(".", "%2E"), token.replace('.', '~'),
                    token.toUpperCase(), token.replace('-', '+').replace('_', '/'));
            for (String variant : variants) {
                if (!variant.equals(token)) {
                    assertThat(refreshError(variant)).as(variant).isEqualTo(AuthError.INVALID_TOKEN);
                }
            }
            assertThat(session(pair.sessionId()).isActive(f.clock.instant())).isTrue();
            assertThat(f.auth.refresh(token)).isNotNull();
        }

        @Test
        @DisplayName("a bit flipped in the session id or the family secret is INVALID_TOKEN and revokes nothing")
        void bitFlipsOfIdAndFamily() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            String token = pair.refreshToken();
            byte[] id = Jose.unb64(token.substring(0, 22));
            byte[] secrets = Jose.unb64(token.substring(23));
            for (int bit = 0; bit < 16 * 8; bit++) {
                byte[] flipped = id.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(refreshError(Jose.b64(flipped) + token.substring(22))).isEqualTo(AuthError.INVALID_TOKEN);
            }
            for (int bit = 0; bit < 16 * 8; bit++) {
                byte[] flipped = secrets.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(refreshError(token.substring(0, 23) + Jose.b64(flipped))).isEqualTo(AuthError.INVALID_TOKEN);
            }
            // Setting the spare low bits of the id's last character names the same bytes: refused too.
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            char last = token.charAt(21);
            String spare = token.substring(0, 21) + alphabet.charAt(alphabet.indexOf(last) | 0x0F) + token.substring(22);
            assertThat(Arrays.equals(Jose.unb64(spare.substring(0, 22)), id)).isTrue();
            assertThat(refreshError(spare)).isEqualTo(AuthError.INVALID_TOKEN);

            assertThat(session(pair.sessionId()).isActive(f.clock.instant())).isTrue();
            assertThat(f.events(AuthEvent.RefreshTokenReused.class)).isEmpty();
            assertThat(f.auth.refresh(token)).isNotNull();
        }

        @Test
        @DisplayName("a bit flipped in the rotating secret is never accepted; it proves the family secret, so it counts as reuse")
        void bitFlipsOfRotatingSecret() {
            f.signUp("alice@example.com");
            for (int bit = 0; bit < 32 * 8; bit += 7) {
                TokenPair pair = f.auth.logIn("alice@example.com", SecurityFixture.PASSWORD);
                String token = pair.refreshToken();
                byte[] secrets = Jose.unb64(token.substring(23));
                secrets[16 + bit / 8] ^= (byte) (1 << (bit % 8));

                assertThat(refreshError(token.substring(0, 23) + Jose.b64(secrets))).isEqualTo(AuthError.REFRESH_TOKEN_REUSED);
                assertThat(session(pair.sessionId()).revokeReason()).isEqualTo("reuse-detected");
            }
        }

        @Test
        @DisplayName("random tokens of the exact shape, for no session, are INVALID_TOKEN")
        void madeUpTokens() {
            TokenPair pair = f.signUpAndLogIn("alice@example.com");
            Random random = new Random(6);
            for (int i = 0; i < 200; i++) {
                byte[] id = new byte[16];
                byte[] secrets = new byte[48];
                random.nextBytes(id);
                random.nextBytes(secrets);
                assertThat(refreshError(Jose.b64(id) + "." + Jose.b64(secrets))).isEqualTo(AuthError.INVALID_TOKEN);
            }
            assertThat(f.auth.refresh(pair.refreshToken())).isNotNull();
        }
    }

    @Nested
    @DisplayName("a token belongs to one session only")
    class OtherSessions {

        @Test
        @DisplayName("secrets of one session under another session's id (the same user's or another's) are refused and revoke neither")
        void splicedSessionIds() {
            TokenPair alice1 = f.signUpAndLogIn("alice@example.com");
            TokenPair alice2 = f.auth.logIn("alice@example.com", SecurityFixture.PASSWORD);
            TokenPair bob = f.signUpAndLogIn("bob@example.com");
            List<String[]> splices = new ArrayList<>();
            splices.add(new String[] {alice2.sessionId(), alice1.refreshToken().substring(23)});
            splices.add(new String[] {bob.sessionId(), alice1.refreshToken().substring(23)});
            splices.add(new String[] {alice1.sessionId(), bob.refreshToken().substring(23)});

            for (String[] splice : splices) {
                assertThat(refreshError(splice[0] + "." + splice[1])).isEqualTo(AuthError.INVALID_TOKEN);
                f.auth.logOut(splice[0] + "." + splice[1]);
            }

            for (TokenPair pair : List.of(alice1, alice2, bob)) {
                assertThat(session(pair.sessionId()).isActive(f.clock.instant())).isTrue();
                assertThat(f.auth.refresh(pair.refreshToken())).isNotNull();
            }
        }

        @Test
        @DisplayName("a refresh token of another deployment (other stores) is INVALID_TOKEN")
        void otherDeployment() {
            SecurityFixture other = new SecurityFixture();
            TokenPair foreign = other.signUpAndLogIn("alice@example.com");
            f.signUpAndLogIn("alice@example.com");

            assertThat(refreshError(foreign.refreshToken())).isEqualTo(AuthError.INVALID_TOKEN);
        }
    }

    @Test
    @DisplayName("the store keeps only SHA-256 of the 128-bit family and 256-bit rotating secrets, never the token")
    void storeKeepsOnlyHashes() throws Exception {
        TokenPair pair = f.signUpAndLogIn("alice@example.com");
        byte[] secrets = Jose.unb64(pair.refreshToken().substring(23));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");

        Session s = session(pair.sessionId());

        assertThat(secrets).hasSize(48);
        assertThat(s.familyHash()).isEqualTo(Jose.b64(sha256.digest(Arrays.copyOfRange(secrets, 0, 16))));
        assertThat(s.currentHash()).isEqualTo(Jose.b64(sha256.digest(Arrays.copyOfRange(secrets, 16, 48))));
        assertThat(List.of(s.familyHash(), s.currentHash())).noneMatch(h -> pair.refreshToken().contains(h));
        assertThat(s.toString()).doesNotContain(s.currentHash(), s.familyHash(), pair.refreshToken().substring(23));
    }

    @Test
    @DisplayName("a dump of a rotated session (hashes and successor mask) yields no current secret, even given the family secret")
    void dumpOfRotatedSessionYieldsNoToken() throws Exception {
        TokenPair t0 = f.signUpAndLogIn("alice@example.com");
        TokenPair t1 = f.auth.refresh(t0.refreshToken());
        Session s = session(t0.sessionId());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] mask = Jose.unb64(s.successorMask());
        byte[] current = Arrays.copyOfRange(Jose.unb64(t1.refreshToken().substring(23)), 16, 48);

        // What one might try with the row alone: the mask itself, or the mask unmasked with a
        // stored hash (the pad is HMAC keyed by the previous secret, not its SHA-256).
        List<byte[]> guesses = new ArrayList<>();
        guesses.add(mask);
        for (String stored : List.of(s.previousHash(), s.currentHash(), s.familyHash())) {
            byte[] hash = Jose.unb64(stored);
            byte[] guess = mask.clone();
            for (int i = 0; i < guess.length; i++) {
                guess[i] ^= hash[i];
            }
            guesses.add(guess);
        }

        assertThat(mask).hasSize(32).isNotEqualTo(current);
        assertThat(guesses).noneMatch(g -> Arrays.equals(g, current));
        assertThat(guesses).noneMatch(g -> Jose.b64(sha256.digest(g)).equals(s.currentHash()));
        assertThat(s.toString()).doesNotContain(s.successorMask());
    }
}
