package com.example.service;

import dev.ward.AuthManager;
import dev.ward.AuthenticatedUser;
import java.util.List;
import java.util.Map;

/** A host's service: every order for an admin, a user's own orders for anyone else. */
public final class OrderService {

    private final AuthManager auth;
    private final Map<String, List<String>> ordersByUser;

    public OrderService(AuthManager auth, Map<String, List<String>> ordersByUser) {
        this.auth = auth;
        this.ordersByUser = ordersByUser;
    }

    /** Throws AuthException (TOKEN_EXPIRED, INVALID_TOKEN) for a bad token. */
    public List<String> orders(String bearerToken) {
        AuthenticatedUser user = auth.authenticate(bearerToken);
        if (user.hasRole("admin")) {
            return ordersByUser.values().stream().flatMap(List::stream).sorted().toList();
        }
        return ordersByUser.getOrDefault(user.userId(), List.of());
    }
}
