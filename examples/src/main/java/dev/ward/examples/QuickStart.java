package dev.ward.examples;

import dev.ward.AuthManager;
import dev.ward.AuthenticatedUser;
import dev.ward.JwtAlgorithm;
import dev.ward.JwtKey;
import dev.ward.SignUpRequest;
import dev.ward.TokenPair;
import dev.ward.store.memory.InMemoryLoginAttemptStore;
import dev.ward.store.memory.InMemoryTokenStore;
import dev.ward.store.memory.InMemoryUserRepository;

/**
 * The README's quick start, compiled and run by the tests: sign up, log in, authenticate a
 * request, refresh, log out, on the in-memory stores.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /**
     * Runs the quick start and prints who was signed in.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // tag::quickstart[]
        AuthManager auth = AuthManager.builder()
                .userRepository(new InMemoryUserRepository())
                .tokenStore(new InMemoryTokenStore())
                .loginAttemptStore(new InMemoryLoginAttemptStore())
                .signingKey(JwtKey.generate(JwtAlgorithm.HS256))    // or JwtKey.hmac(kid, secretOf32Bytes)
                .build();
        auth.signUp(new SignUpRequest("alice", "alice@example.com", "correct horse battery staple"));
        TokenPair tokens = auth.logIn("alice@example.com", "correct horse battery staple");
        AuthenticatedUser user = auth.authenticate(tokens.accessToken());   // on every request
        TokenPair next = auth.refresh(tokens.refreshToken());               // when the access token expires
        auth.logOut(next.refreshToken());
        // end::quickstart[]
        System.out.println("signed in as user " + user.userId() + " with roles " + user.roles());
    }
}
