package dev.ward.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.store.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension in real test classes. Tests that prove "reset before each test" run in a fixed
 * order: the first leaves state behind, the second finds none.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class WardExtensionTest {

    private static final TestUser ANN = TestUser.of("user-1", "ann@example.com", "admin");

    /** Every WardTest and manager the nested classes were given, to compare across tests. */
    private static final List<Object> SEEN = new ArrayList<>();
    /** Where the clock of {@link Parameters} stood in its first test. */
    private static final List<Instant> START = new ArrayList<>();

    @Nested
    @Order(1)
    @ExtendWith(WardExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Parameters {

        private final AuthManager constructorAuth;
        private final MutableClock constructorClock;

        Parameters(AuthManager auth, MutableClock clock) {
            this.constructorAuth = auth;
            this.constructorClock = clock;
        }

        @Test
        @Order(1)
        void methodParametersArePartsOfOneWardTest(WardTest ward, AuthManager auth, MutableClock clock,
                                                   TestTokens tokens) {
            assertThat(auth).isSameAs(ward.auth());
            assertThat(clock).isSameAs(ward.clock());
            assertThat(tokens).isSameAs(ward.tokens());
            assertThat(auth.authenticate(ward.accessToken(ANN)).userId()).isEqualTo("user-1");
            START.add(clock.instant());
            clock.advance(Duration.ofHours(1));
            SEEN.add(ward);
        }

        @Test
        @Order(2)
        void theNextTestGetsTheSameWardTestWithEmptyStoresAndTheClockBack(WardTest ward) {
            assertThat(SEEN).last().isSameAs(ward);
            assertThat(ward.auth().findUser("user-1")).isEmpty();
            assertThat(ward.clock().instant()).isEqualTo(START.get(0));
        }

        @Test
        @Order(3)
        void constructorParametersAreTheSameManagerAndClock(WardTest ward) {
            assertThat(constructorAuth).isSameAs(ward.auth());
            assertThat(constructorClock).isSameAs(ward.clock());
        }

        @Nested
        class Inner {

            @Test
            void aNestedClassSharesTheOuterClassesWardTest(WardTest ward) {
                assertThat(ward.auth()).isSameAs(constructorAuth);
            }
        }
    }

    @Nested
    @Order(3)
    @ExtendWith(WardExtension.class)
    class Lifecycle {

        private static String tokenFromBeforeAll;

        @BeforeAll
        static void beforeAllGetsTheClassesManager(WardTest ward) {
            tokenFromBeforeAll = ward.tokens().accessToken(ANN);
        }

        private String tokenFromBeforeEach;

        @BeforeEach
        void beforeEachRunsAfterTheReset(WardTest ward) {
            ward.accessToken(ANN);
            tokenFromBeforeEach = ward.accessToken(ANN);
        }

        @Test
        void whatBeforeEachStoredIsThereInTheTest(AuthManager auth) {
            assertThat(auth.findUser("user-1")).isPresent();
            assertThat(auth.authenticate(tokenFromBeforeEach).userId()).isEqualTo("user-1");
        }

        @Test
        void aTokenFromBeforeAllIsSignedWithTheSameKey(AuthManager auth) {
            assertThat(auth.authenticate(tokenFromBeforeAll).userId()).isEqualTo("user-1");
        }
    }

    @Nested
    @Order(4)
    class Settings {

        @RegisterExtension
        static WardExtension extension = WardExtension.withSettings(s -> s.accessTokenTtl(Duration.ofMinutes(1)));

        @Test
        void withSettingsAppliesTheTestsSettings(WardTest ward, MutableClock clock) {
            String token = ward.accessToken(ANN);

            clock.advance(Duration.ofMinutes(2));

            assertThatThrownBy(() -> ward.auth().authenticate(token)).isInstanceOfSatisfying(AuthException.class,
                    e -> assertThat(e.error()).isEqualTo(AuthError.TOKEN_EXPIRED));
        }
    }

    @Nested
    @Order(2)
    @ExtendWith(WardExtension.class)
    class Other {

        @Test
        void anotherTestClassGetsAnotherWardTest(WardTest ward) {
            assertThat(SEEN).isNotEmpty().doesNotContain(ward);
        }
    }
}
