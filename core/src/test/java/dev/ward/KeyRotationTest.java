package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ward.internal.token.Base64Url;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rotating the signing key of a cluster without logging anyone out, as docs/keys.md describes
 * it. Three nodes share one set of stores and one clock; each phase is rolled out node by node,
 * so the cluster runs mixed for a while, as in a real rolling deployment.
 *
 * <ul>
 *   <li><b>Phase 0</b>: every node signs with the old key: {@code KeySet.of(old)}.</li>
 *   <li><b>Step 1, add</b>: every node gets the new key as verify-only:
 *       {@code KeySet.of(old, next)}. Nodes still sign with the old key, so a node that has not
 *       been updated yet loses nothing.</li>
 *   <li><b>Step 2, switch</b>: once every node has step 1, every node signs with the new key and
 *       keeps the old one to verify: {@code KeySet.of(next, old)}. A node still on step 1
 *       already knows the new key, so the tokens of updated nodes work on it.</li>
 *   <li><b>Step 3, retire</b>: once the last token signed with the old key has expired (the
 *       access-token lifetime plus the clock skew after the last node switched), the old key is
 *       removed: {@code KeySet.of(next)}. Its tokens are refused from then on.</li>
 * </ul>
 * Refresh tokens are opaque and live in the shared store: rotation does not touch them.
 */
@DisplayName("key rotation across nodes")
class KeyRotationTest {

    private static final Duration TTL = AuthSettings.defaults().accessTokenTtl();
    private static final Duration SKEW = Duration.ofSeconds(AuthSettings.DEFAULT_CLOCK_SKEW_SECONDS);
    private static final String OLD = "2026-10";
    private static final String NEXT = "2026-11";

    /** One access token handed out, with where and when, for the failure messages. */
    private record Issued(String when, String node, String token, Instant expiresAt) {
        String kid() {
            String header = new String(Base64Url.decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
            return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
        }
    }

    /** Three nodes over shared stores, and every token they have issued. */
    private static final class Rollout {
        final Cluster cluster = new Cluster();
        final Map<String, AuthManager> nodes = new LinkedHashMap<>();
        final Map<String, KeySet> deployed = new LinkedHashMap<>();
        final List<Issued> issued = new ArrayList<>();
        final JwtKey old;
        final JwtKey next;

        Rollout(JwtAlgorithm algorithm) {
            this.old = TestKeys.key(OLD, algorithm, 0);
            this.next = TestKeys.key(NEXT, algorithm, 1);
        }

        /** (Re)starts one node with a key set, as a deployment of new configuration would. */
        void deploy(String node, KeySet keys) {
            nodes.put(node, cluster.node(keys));
            deployed.put(node, keys);
        }

        void deployAll(KeySet keys) {
            for (String node : List.of("A", "B", "C")) {
                deploy(node, keys);
            }
        }

        AuthManager node(String name) {
            return nodes.get(name);
        }

        TokenPair logIn(String node, String when) {
            TokenPair pair = cluster.logIn(node(node), "alice@example.com");
            issued.add(new Issued(when, node, pair.accessToken(), pair.accessTokenExpiresAt()));
            return pair;
        }

        TokenPair refresh(String node, String when, TokenPair pair) {
            TokenPair next = node(node).refresh(pair.refreshToken());
            issued.add(new Issued(when, node, next.accessToken(), next.accessTokenExpiresAt()));
            return next;
        }

        Issued last() {
            return issued.get(issued.size() - 1);
        }

        void advance(Duration duration) {
            cluster.clock.advance(duration);
        }

        /**
         * The promise of rotation: every token issued so far is accepted by every node until it
         * expires, and refused by every node after.
         */
        void assertEveryTokenValidUntilItExpires() {
            Instant now = cluster.clock.instant();
            for (Issued token : issued) {
                boolean live = now.isBefore(token.expiresAt().plus(SKEW));
                for (Map.Entry<String, AuthManager> node : nodes.entrySet()) {
                    String where = token.when() + " (signed by node " + token.node() + " with " + token.kid()
                            + "), checked on node " + node.getKey() + " with " + deployed.get(node.getKey());
                    if (live) {
                        assertThat(node.getValue().authenticate(token.token()).sessionId()).as(where).isNotBlank();
                    } else {
                        AuthException e = catchThrowableOfType(AuthException.class,
                                () -> node.getValue().authenticate(token.token()));
                        assertThat(e).as(where).isNotNull();
                        // A node that no longer knows the key says so before it looks at exp.
                        assertThat(e.error()).as(where).isIn(AuthError.TOKEN_EXPIRED, AuthError.INVALID_TOKEN);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("add, switch, retire: tokens signed before, during and after stay valid on every node until they expire")
    void threeStepRotation(JwtAlgorithm algorithm) {
        Rollout r = new Rollout(algorithm);

        // Phase 0: the old key signs everywhere.
        r.deployAll(KeySet.of(r.old));
        TokenPair before = r.logIn("A", "before the rotation");
        r.assertEveryTokenValidUntilItExpires();

        // Step 1, node by node: add the new key as verify-only. Everything is still signed with the old key.
        r.advance(Duration.ofMinutes(1));
        r.deploy("A", KeySet.of(r.old, r.next));
        r.logIn("A", "step 1, only A updated");
        r.assertEveryTokenValidUntilItExpires();
        r.deploy("B", KeySet.of(r.old, r.next));
        r.deploy("C", KeySet.of(r.old, r.next));
        r.logIn("C", "step 1 done");
        assertThat(r.issued).extracting(Issued::kid).containsOnly(OLD);
        r.assertEveryTokenValidUntilItExpires();

        // Step 2, node by node: sign with the new key, keep verifying the old one.
        r.advance(Duration.ofMinutes(1));
        r.deploy("A", KeySet.of(r.next, r.old));
        r.logIn("A", "step 2, only A updated");
        assertThat(r.last().kid()).isEqualTo(NEXT);
        r.assertEveryTokenValidUntilItExpires();
        r.deploy("B", KeySet.of(r.next, r.old));
        r.logIn("C", "step 2, C not updated yet");
        assertThat(r.last().kid()).isEqualTo(OLD);
        r.deploy("C", KeySet.of(r.next, r.old));
        r.refresh("C", "step 2 done, refresh of a session from before", before);
        assertThat(r.last().kid()).isEqualTo(NEXT);
        r.assertEveryTokenValidUntilItExpires();

        // Wait until the last token of the old key has expired, then retire it, node by node.
        Instant lastOldExpiry = r.issued.stream().filter(i -> i.kid().equals(OLD)).map(Issued::expiresAt)
                .max(Comparator.naturalOrder()).orElseThrow();
        r.cluster.clock.set(lastOldExpiry.plus(SKEW).minusSeconds(1));
        r.logIn("B", "just before the old key is retired");
        r.assertEveryTokenValidUntilItExpires();
        r.cluster.clock.set(lastOldExpiry.plus(SKEW));
        r.deploy("A", KeySet.of(r.next));
        r.assertEveryTokenValidUntilItExpires();
        r.deploy("B", KeySet.of(r.next));
        r.deploy("C", KeySet.of(r.next));
        r.logIn("C", "after the rotation");
        r.assertEveryTokenValidUntilItExpires();

        // Walk to the edge of every remaining token's life and across it.
        for (Issued token : List.copyOf(r.issued)) {
            Instant edge = token.expiresAt().plus(SKEW);
            if (edge.isAfter(r.cluster.clock.instant())) {
                r.cluster.clock.set(edge.minusSeconds(1));
                r.assertEveryTokenValidUntilItExpires();
                r.cluster.clock.set(edge);
                r.assertEveryTokenValidUntilItExpires();
            }
        }
        Set<String> kids = r.issued.stream().map(Issued::kid).collect(Collectors.toSet());
        assertThat(kids).containsExactlyInAnyOrder(OLD, NEXT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("a key retired before its tokens expired: they are refused; a refresh gets a token of the new key")
    void retiringTooEarly(JwtAlgorithm algorithm) {
        Rollout r = new Rollout(algorithm);
        r.deployAll(KeySet.of(r.old, r.next));
        TokenPair signedWithOld = r.logIn("A", "step 1");
        r.deployAll(KeySet.of(r.next, r.old));

        r.advance(TTL.dividedBy(2));
        r.deploy("A", KeySet.of(r.next));

        AuthException e = catchThrowableOfType(AuthException.class,
                () -> r.node("A").authenticate(signedWithOld.accessToken()));
        assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(e.getMessage()).contains("unknown key");
        assertThat(r.node("B").authenticate(signedWithOld.accessToken())).as("B still knows the old key").isNotNull();

        // The client recovers the way it recovers from any refused access token: it refreshes.
        TokenPair recovered = r.refresh("A", "refresh after the early retirement", signedWithOld);
        assertThat(r.last().kid()).isEqualTo(NEXT);
        for (AuthManager node : r.nodes.values()) {
            assertThat(node.authenticate(recovered.accessToken()).sessionId()).isEqualTo(signedWithOld.sessionId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("why step 1 comes first: a node that does not know the new key yet refuses its tokens")
    void skippingStepOne(JwtAlgorithm algorithm) {
        Rollout r = new Rollout(algorithm);
        r.deployAll(KeySet.of(r.old));

        r.deploy("A", KeySet.of(r.next, r.old));
        TokenPair fromA = r.logIn("A", "switched without step 1");

        AuthException e = catchThrowableOfType(AuthException.class, () -> r.node("B").authenticate(fromA.accessToken()));
        assertThat(e.error()).isEqualTo(AuthError.INVALID_TOKEN);
        assertThat(e.getMessage()).contains("unknown key");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("resource servers take the new key in step 1: from the JWKS, or for HS256 from their configuration")
    void resourceServers(JwtAlgorithm algorithm) {
        Rollout r = new Rollout(algorithm);
        r.deployAll(KeySet.of(r.old));
        AccessTokenVerifier phase0 = resourceServer(r, KeySet.of(r.old));

        KeySet step1 = KeySet.of(r.old, r.next);
        r.deployAll(step1);
        AccessTokenVerifier afterStep1 = resourceServer(r, step1);
        if (!algorithm.isSymmetric()) {
            assertThat(KeySet.fromJwks(r.node("A").jwks()).keys()).extracting(JwtKey::kid).containsExactly(OLD, NEXT);
        }

        r.deployAll(KeySet.of(r.next, r.old));
        String signedWithNext = r.logIn("B", "step 2").accessToken();
        assertThat(afterStep1.verify(signedWithNext)).isNotNull();
        AuthException stale = catchThrowableOfType(AuthException.class, () -> phase0.verify(signedWithNext));
        assertThat(stale.getMessage()).contains("unknown key");

        r.advance(TTL.plus(SKEW));
        r.deployAll(KeySet.of(r.next));
        if (algorithm.isSymmetric()) {
            assertThat(r.node("A").jwks()).isEqualTo("{\"keys\":[]}");
        } else {
            assertThat(KeySet.fromJwks(r.node("A").jwks()).keys()).extracting(JwtKey::kid).containsExactly(NEXT);
        }
    }

    /**
     * A resource server as it would be configured in each phase: from the issuer's published
     * JWKS, or, for HS256, from the same secrets as the nodes (nothing is published).
     */
    private static AccessTokenVerifier resourceServer(Rollout r, KeySet nodeKeys) {
        AccessTokenVerifier.Builder builder = r.cluster.verifier();
        return nodeKeys.keys().get(0).algorithm().isSymmetric()
                ? builder.keys(KeySet.verifyOnly(nodeKeys.keys())).build()
                : builder.jwks(r.node("A").jwks()).build();
    }
}
