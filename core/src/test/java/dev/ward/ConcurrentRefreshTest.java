package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.internal.token.RefreshTokens;
import dev.ward.store.Session;
import dev.ward.store.tck.Concurrently;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;

class ConcurrentRefreshTest {

    @RepeatedTest(5)
    @DisplayName("grace on: 32 threads refreshing one token all succeed with the identical refresh token, which works")
    void graceOnAllSucceed() {
        Fixture f = new Fixture();
        TokenPair pair = f.signUpAndLogIn("alice@example.com");

        List<Concurrently.Outcome<TokenPair>> outcomes =
                Concurrently.run(32, i -> () -> f.auth.refresh(pair.refreshToken()));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        Session session = f.tokens.findById(pair.sessionId()).orElseThrow();
        assertThat(session.isActive(f.clock.instant())).isTrue();
        List<String> issued = outcomes.stream().map(o -> o.value().refreshToken()).distinct().toList();
        assertThat(issued).singleElement()
                .satisfies(t -> assertThat(RefreshTokens.parse(t).secretHash()).isEqualTo(session.currentHash()));
        assertThat(outcomes.stream().map(o -> o.value().accessToken())).doesNotHaveDuplicates();
        assertThat(f.auth.refresh(issued.get(0)).refreshToken()).isNotEqualTo(issued.get(0));
        assertThat(f.events(AuthEvent.Refreshed.class)).hasSize(33)
                .filteredOn(AuthEvent.Refreshed::withinGrace).hasSize(31);
        assertThat(f.events(AuthEvent.RefreshTokenReused.class)).isEmpty();
    }

    @RepeatedTest(5)
    @DisplayName("grace off: of 32 threads refreshing one token exactly one succeeds, the rest are reuse")
    void graceOffExactlyOneWins() {
        Fixture f = new Fixture(s -> s.refreshReuseGrace(Duration.ZERO));
        TokenPair pair = f.signUpAndLogIn("alice@example.com");

        List<Concurrently.Outcome<TokenPair>> outcomes =
                Concurrently.run(32, i -> () -> f.auth.refresh(pair.refreshToken()));

        assertThat(outcomes).filteredOn(Concurrently.Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).hasSize(31)
                .allSatisfy(o -> assertThat(((AuthException) o.failure()).error())
                        .isEqualTo(AuthError.REFRESH_TOKEN_REUSED));
        assertThat(f.tokens.findById(pair.sessionId()).orElseThrow().revokeReason()).isEqualTo("reuse-detected");
    }
}
