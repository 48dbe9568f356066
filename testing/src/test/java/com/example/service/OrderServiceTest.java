package com.example.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.store.tck.MutableClock;
import dev.ward.test.TestUser;
import dev.ward.test.WardExtension;
import dev.ward.test.WardTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WardExtension.class)
class OrderServiceTest {

    private static final TestUser ANN = TestUser.of("ann", "ann@example.com", "user");
    private static final TestUser ADA = TestUser.of("ada", "ada@example.com", "user", "admin");

    private final OrderService service;

    OrderServiceTest(AuthManager auth) {
        service = new OrderService(auth, Map.of("ann", List.of("order-1"), "bob", List.of("order-2")));
    }

    @Test
    void aUserSeesOwnOrders(WardTest ward) {
        assertThat(service.orders(ward.accessToken(ANN))).containsExactly("order-1");
    }

    @Test
    void anAdminSeesEveryOrder(WardTest ward) {
        assertThat(service.orders(ward.accessToken(ADA))).containsExactly("order-1", "order-2");
    }

    @Test
    void aTokenExpiresWhenTheClockMoves(WardTest ward, MutableClock clock) {
        String token = ward.accessToken(ANN);

        clock.advance(Duration.ofMinutes(15));

        assertThatThrownBy(() -> service.orders(token))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.error()).isEqualTo(AuthError.TOKEN_EXPIRED));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused(WardTest ward) {
        assertThatThrownBy(() -> service.orders(ward.tokens().wrongAudienceAccessToken(ANN)))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN));
    }
}
