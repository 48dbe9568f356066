package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.store.memory.InMemoryTokenStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the Ed25519 provider is chosen explicitly, never by the class path")
class Ed25519ProviderTest {

    private static Fixture fixture(Ed25519Provider provider) {
        return new Fixture(4, TestKeys.key("ed", JwtAlgorithm.EdDSA, 0), new InMemoryTokenStore(),
                s -> s.ed25519Provider(provider), b -> { });
    }

    @Test
    @DisplayName("by default the JDK verifies, although Tink is on this test class path")
    void jdkByDefault() {
        Fixture f = new Fixture(4, TestKeys.key("ed", JwtAlgorithm.EdDSA, 0), new InMemoryTokenStore(), s -> { },
                b -> { });
        assertThat(f.auth.verifier().codec().verifiesEd25519WithTink()).isFalse();
        assertThat(AccessTokenVerifier.builder().keys(f.auth.verifier().keys()).build().codec()
                .verifiesEd25519WithTink()).isFalse();
    }

    @Test
    @DisplayName("a manager and a verifier set to TINK verify through it, and accept the same tokens as the JDK")
    void tinkWhenChosen() {
        Fixture tink = fixture(Ed25519Provider.TINK);
        Fixture jdk = fixture(Ed25519Provider.JDK);
        AccessTokenVerifier verifier = AccessTokenVerifier.builder().keys(tink.auth.verifier().keys())
                .ed25519Provider(Ed25519Provider.TINK).clock(tink.clock).build();
        assertThat(tink.auth.verifier().codec().verifiesEd25519WithTink()).isTrue();
        assertThat(verifier.codec().verifiesEd25519WithTink()).isTrue();

        TokenPair pair = tink.signUpAndLogIn("alice@example.com");
        String userId = tink.auth.authenticate(pair.accessToken()).userId();
        assertThat(verifier.verify(pair.accessToken()).userId()).isEqualTo(userId);
        assertThat(AccessTokenVerifier.builder().keys(jdk.auth.verifier().keys()).clock(tink.clock).build()
                .verify(pair.accessToken()).userId()).isEqualTo(userId);
    }
}
