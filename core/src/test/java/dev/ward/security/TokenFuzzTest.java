package dev.ward.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthManager;
import dev.ward.JwtAlgorithm;
import dev.ward.TokenPair;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Feeds 100,000 random and mutated tokens to {@code authenticate} and {@code refresh}. Every one
 * must be refused with an {@link AuthException}: none accepted, no other exception, no hang.
 *
 * <p>The run is seeded, so a failure names its case and reproduces: set {@link #SEED} and rerun.
 * It asserts nothing about time; it is kept fast by weighting the cheap HS256 manager most.
 *
 * <p>Sources: OWASP ASVS 5.0 9.1.1 (validate before accepting the contents), RFC 8725 §3.3,
 * CWE-20 (improper input validation), CWE-674 (uncontrolled recursion, for deeply nested JSON),
 * CWE-400 (resource consumption, for oversized tokens).
 */
@DisplayName("Token fuzzing")
class TokenFuzzTest {

    private static final long SEED = 20_261_127L;
    private static final int CASES = 100_000;
    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String WIDE = B64 + ".=+/ \t\n\r\u0000\"\\{}[],:é€😀\uD800\uDC00\uFFFF%~!";

    /**
     * The kinds of generated token, each with its weight. The signed kinds are signed with the
     * real HS256 key, so that they reach the claims parser, and go to the HS256 manager.
     */
    private enum Kind {
        BASE64_NOISE(20, false), CHARACTER_NOISE(6, false), BIT_FLIPS(20, false), CHARACTER_EDITS(12, false),
        SPLICED_PARTS(8, false), NESTED_OR_HUGE_HEADER(4, false), NESTED_PAYLOAD(3, true), HUGE_PAYLOAD(3, true),
        OVERSIZED(1, false), SIGNED_BAD_CLAIMS(10, true), REFRESH_MUTATIONS(10, false), REFRESH_SHAPED(3, false);

        final int weight;
        final boolean signed;

        Kind(int weight, boolean signed) {
            this.weight = weight;
            this.signed = signed;
        }
    }

    /** A manager of one algorithm with valid tokens to mutate. */
    private static final class Target {
        final SecurityFixture f;
        final List<String> accessTokens = new ArrayList<>();
        final List<String> refreshTokens = new ArrayList<>();
        final List<String> sessionIds = new ArrayList<>();

        Target(JwtAlgorithm algorithm) {
            f = new SecurityFixture(algorithm);
            f.signUp("alice@example.com");
            f.signUp("bob@example.com");
            for (int i = 0; i < 8; i++) {
                TokenPair pair = f.auth.logIn(i % 2 == 0 ? "alice@example.com" : "bob@example.com", SecurityFixture.PASSWORD);
                accessTokens.add(pair.accessToken());
                refreshTokens.add(pair.refreshToken());
                sessionIds.add(pair.sessionId());
            }
        }
    }

    private final Random random = new Random(SEED);
    private final Map<JwtAlgorithm, Target> targets = new EnumMap<>(JwtAlgorithm.class);

    @Test
    @DisplayName("100,000 random and mutated tokens through authenticate and refresh: all refused with AuthException, none accepted (seeded)")
    void everyFuzzedTokenIsRefused() {
        for (JwtAlgorithm algorithm : JwtAlgorithm.values()) {
            targets.put(algorithm, new Target(algorithm));
        }
        Map<Kind, Integer> perKind = new EnumMap<>(Kind.class);
        Map<AuthError, Integer> perError = new EnumMap<>(AuthError.class);
        List<String> problems = new ArrayList<>();
        int totalWeight = 0;
        for (Kind kind : Kind.values()) {
            totalWeight += kind.weight;
        }

        int cases = 0;
        for (int i = 0; i < CASES; i++) {
            Kind kind = pick(totalWeight);
            JwtAlgorithm algorithm = pickAlgorithm();
            Target target = targets.get(kind.signed ? JwtAlgorithm.HS256 : algorithm);
            String token = generate(kind, target);
            perKind.merge(kind, 1, Integer::sum);
            check(i, kind, "authenticate", token, () -> target.f.auth.authenticate(token), perError, problems);
            check(i, kind, "refresh", token, () -> target.f.auth.refresh(token), perError, problems);
            cases++;
        }

        System.out.printf("token fuzz: seed %d, %d cases, by kind %s, refusals by code %s%n", SEED, cases, perKind, perError);
        assertThat(problems).as("seed %d: cases that were accepted or threw something else", SEED).isEmpty();
        assertThat(cases).isEqualTo(CASES);
        assertThat(perKind).as("every kind was generated").hasSize(Kind.values().length);
        assertThat(perError).containsKeys(AuthError.INVALID_TOKEN, AuthError.TOKEN_EXPIRED,
                AuthError.REFRESH_TOKEN_REUSED, AuthError.INVALID_REQUEST);
    }

    private interface Call {
        Object run();
    }

    private static void check(int index, Kind kind, String method, String token, Call call,
                              Map<AuthError, Integer> perError, List<String> problems) {
        try {
            Object result = call.run();
            record(problems, "case " + index + " (" + kind + ") was ACCEPTED by " + method + ": " + result + " <- "
                    + preview(token));
        } catch (AuthException e) {
            perError.merge(e.error(), 1, Integer::sum);
        } catch (Throwable t) {
            record(problems, "case " + index + " (" + kind + ") made " + method + " throw " + t + " <- " + preview(token));
        }
    }

    private static void record(List<String> problems, String problem) {
        if (problems.size() < 25) {
            problems.add(problem);
        }
    }

    private static String preview(String token) {
        return token.length() <= 200 ? token : token.substring(0, 200) + "...(" + token.length() + " chars)";
    }

    // ------------------------------------------------------------------ choosing

    private Kind pick(int totalWeight) {
        int n = random.nextInt(totalWeight);
        for (Kind kind : Kind.values()) {
            n -= kind.weight;
            if (n < 0) {
                return kind;
            }
        }
        throw new IllegalStateException();
    }

    private JwtAlgorithm pickAlgorithm() {
        int n = random.nextInt(100);
        return n < 70 ? JwtAlgorithm.HS256 : n < 80 ? JwtAlgorithm.ES256 : n < 90 ? JwtAlgorithm.EdDSA : JwtAlgorithm.RS256;
    }

    private <T> T any(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    // ------------------------------------------------------------------ generating

    private String generate(Kind kind, Target t) {
        String token = switch (kind) {
            case BASE64_NOISE -> base64Noise();
            case CHARACTER_NOISE -> characterNoise();
            case BIT_FLIPS -> bitFlips(any(t.accessTokens));
            case CHARACTER_EDITS -> characterEdits(random.nextBoolean() ? any(t.accessTokens) : any(t.refreshTokens));
            case SPLICED_PARTS -> splicedParts(t);
            case NESTED_OR_HUGE_HEADER -> Jose.b64(random.nextBoolean() ? nested(random.nextInt(1, 5000)) : hugeJson())
                    + "." + part(t, 1) + "." + part(t, 2);
            case NESTED_PAYLOAD -> signedPayload(t, nested(random.nextInt(1, 5000)));
            case HUGE_PAYLOAD -> signedPayload(t, hugeJson());
            case OVERSIZED -> any(t.accessTokens) + "A".repeat(random.nextInt(8 * 1024, 64 * 1024));
            case SIGNED_BAD_CLAIMS -> signedBadClaims(t);
            case REFRESH_MUTATIONS -> random.nextBoolean() ? bitFlipsOfRefresh(any(t.refreshTokens))
                    : characterEdits(any(t.refreshTokens));
            case REFRESH_SHAPED -> refreshShaped(t);
        };
        // A mutation may, rarely, give back the token it started from: that one is valid, so change it.
        if (t.accessTokens.contains(token) || t.refreshTokens.contains(token)) {
            return token + "A";
        }
        return token;
    }

    private String part(Target t, int index) {
        return any(t.accessTokens).split("\\.")[index];
    }

    private String base64Noise() {
        int parts = random.nextInt(1, 7);
        StringBuilder token = new StringBuilder();
        for (int p = 0; p < parts; p++) {
            if (p > 0) {
                token.append('.');
            }
            int length = random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(120);
            for (int i = 0; i < length; i++) {
                token.append(B64.charAt(random.nextInt(64)));
            }
        }
        return token.toString();
    }

    private String characterNoise() {
        int length = random.nextInt(300);
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < length; i++) {
            token.append(WIDE.charAt(random.nextInt(WIDE.length())));
        }
        return token.toString();
    }

    private String bitFlips(String token) {
        String[] parts = token.split("\\.", -1);
        int flips = random.nextInt(1, 4);
        for (int f = 0; f < flips; f++) {
            int p = random.nextInt(3);
            byte[] bytes = Jose.unb64(parts[p]);
            int bit = random.nextInt(bytes.length * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            parts[p] = Jose.b64(bytes);
        }
        return String.join(".", parts);
    }

    private String bitFlipsOfRefresh(String token) {
        byte[] id = Jose.unb64(token.substring(0, 22));
        byte[] secrets = Jose.unb64(token.substring(23));
        int bit = random.nextInt((16 + 48) * 8);
        if (bit < 128) {
            id[bit / 8] ^= (byte) (1 << (bit % 8));
        } else {
            bit -= 128;
            secrets[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return Jose.b64(id) + "." + Jose.b64(secrets);
    }

    private String characterEdits(String token) {
        StringBuilder s = new StringBuilder(token);
        int edits = random.nextInt(1, 5);
        for (int e = 0; e < edits; e++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length());
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (s.length() > 0) {
                        s.setCharAt(at, WIDE.charAt(random.nextInt(WIDE.length())));
                    }
                }
                case 1 -> s.insert(at, WIDE.charAt(random.nextInt(WIDE.length())));
                case 2 -> {
                    if (s.length() > 0) {
                        s.deleteCharAt(at);
                    }
                }
                case 3 -> s.setLength(at);
                case 4 -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(1, 40))));
                default -> {
                    if (s.length() > 1) {
                        int other = random.nextInt(s.length());
                        char c = s.charAt(at);
                        s.setCharAt(at, s.charAt(other));
                        s.setCharAt(other, c);
                    }
                }
            }
        }
        return s.toString();
    }

    private String splicedParts(Target t) {
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Target source = random.nextInt(3) == 0 ? targets.get(pickAlgorithm()) : t;
            String[] parts = any(source.accessTokens).split("\\.");
            pool.add(parts[random.nextInt(3)]);
        }
        int count = random.nextInt(1, 7);
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                token.append('.');
            }
            token.append(any(pool));
        }
        return token.toString();
    }

    private String refreshShaped(Target t) {
        StringBuilder secrets = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            secrets.append(B64.charAt(random.nextInt(64)));
        }
        String id;
        if (random.nextBoolean()) {
            id = any(t.sessionIds);
        } else {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            id = Jose.b64(bytes);
        }
        return id + "." + secrets;
    }

    // ------------------------------------------------------------------ JSON

    private String nested(int depth) {
        StringBuilder json = new StringBuilder("{\"a\":");
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        json.append(open.repeat(depth)).append("1");
        if (random.nextInt(4) != 0) {
            json.append(close.repeat(depth));
        }
        return json.append('}').toString();
    }

    private String hugeJson() {
        Map<String, Object> object = new LinkedHashMap<>();
        int members = random.nextInt(1, 400);
        for (int i = 0; i < members; i++) {
            object.put("k" + i, randomValue(3));
        }
        if (random.nextBoolean()) {
            object.put("long", "\\u00e9".repeat(random.nextInt(1, 800)));
        }
        if (random.nextBoolean()) {
            object.put("digits", new Jose.Raw("9".repeat(random.nextInt(1, 2000))));
        }
        return Jose.json(object);
    }

    private Object randomValue(int depth) {
        int choice = random.nextInt(depth <= 0 ? 9 : 11);
        return switch (choice) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> any(List.of(0.5, -0.0, 1e308, -1e308, 4.9e-324, 1.5e19, -9.3e18));
            case 5 -> new Jose.Raw(any(List.of("1e400", "-1e400", "1E+2", "0.0000001", "123456789012345678901234567890",
                    "-0", "2.5e-400")));
            case 6, 7 -> randomString();
            case 8 -> "";
            case 9 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(randomString(), randomValue(depth - 1));
                }
                yield map;
            }
        };
    }

    private String randomString() {
        int length = random.nextInt(20);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(WIDE.charAt(random.nextInt(WIDE.length())));
        }
        return s.toString();
    }

    private String header(Target t) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", t.f.key.algorithm().jwsName());
        header.put("typ", "at+jwt");
        header.put("kid", t.f.key.kid());
        return Jose.json(header);
    }

    /** A payload signed with the manager's real key, so that it reaches the claims parser. */
    private String signedPayload(Target t, String payloadJson) {
        String header = header(t);
        return Jose.compact(header, payloadJson, t.f.key.sign(Jose.signingInput(header, payloadJson)));
    }

    /** Random claims signed with the real HS256 key, always breaking at least one rule. */
    private String signedBadClaims(Target t) {
        long now = t.f.nowSeconds();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "ward");
        claims.put("aud", random.nextBoolean() ? "ward" : List.of("other", "ward"));
        claims.put("sub", "user-" + random.nextInt(10));
        claims.put("iat", now - random.nextInt(600));
        claims.put("exp", now + random.nextInt(1, 900));
        claims.put("jti", "j" + random.nextInt());
        claims.put("sid", any(t.sessionIds));
        claims.put("roles", List.of("user"));
        for (int i = random.nextInt(4); i > 0; i--) {
            claims.put(any(List.of("nbf", "roles", "jti", "extra", "act", "cnf", "scope")), randomValue(2));
        }
        // Whatever else happened, one required rule is broken for sure.
        String broken = any(List.of("exp", "iat", "iss", "aud", "sub", "sid", "roles", "nbf", "expired", "future"));
        switch (broken) {
            case "expired" -> claims.put("exp", now - 30 - random.nextInt(100_000));
            case "future" -> claims.put("iat", now + 31 + random.nextInt(100_000));
            case "nbf" -> claims.put("nbf", random.nextBoolean() ? now + 31 + random.nextInt(1000) : randomString());
            case "roles" -> claims.put("roles", random.nextBoolean() ? randomString() : List.of(1, true));
            case "iss", "aud" -> {
                if (random.nextBoolean()) {
                    claims.remove(broken);
                } else {
                    claims.put(broken, "x" + randomString());
                }
            }
            default -> {
                if (random.nextBoolean()) {
                    claims.remove(broken);
                } else {
                    claims.put(broken, any(List.of(true, List.of(), Map.of(), new Jose.Raw("1e400"), "")));
                }
            }
        }
        String header = header(t);
        String payload = Jose.json(claims);
        return Jose.compact(header, payload, t.f.key.sign(Jose.signingInput(header, payload)));
    }

    @Test
    @DisplayName("control: the generators can make an accepted token, so the fuzz run proves something")
    void generatorsCanMakeAcceptedTokens() {
        Target t = new Target(JwtAlgorithm.HS256);
        long now = t.f.nowSeconds();
        AuthManager auth = t.f.auth;
        String userId = auth.authenticate(t.accessTokens.get(0)).userId();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "ward");
        claims.put("aud", "ward");
        claims.put("sub", userId);
        claims.put("iat", now);
        claims.put("exp", now + 60);
        claims.put("sid", t.sessionIds.get(0));

        assertThat(auth.authenticate(signedPayload(t, Jose.json(claims))).userId()).isEqualTo(userId);
    }
}
