package dev.ward.security;

import static dev.ward.security.SecurityFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ward.AuthError;
import dev.ward.AuthException;
import dev.ward.AuthenticatedUser;
import dev.ward.JwtAlgorithm;
import dev.ward.TokenPair;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attacks on access tokens, each run against a manager that signs with each of Ward's four
 * algorithms. The malicious tokens are built by hand (see {@link Jose}); where a test signs a
 * token with Ward's own key, only the rule under test can refuse it.
 *
 * <p>Sources: RFC 8725 (JSON Web Token Best Current Practices), RFC 7515 (JWS), RFC 7519 (JWT),
 * RFC 9068 (JWT access tokens), OWASP ASVS 5.0 chapter V9 (self-contained tokens), and the CVEs
 * named on each test.
 */
@DisplayName("Access-token attacks, for every algorithm")
class AccessTokenAttacksTest {

    private static final String BOB = "bob@example.com";

    /** One algorithm's manager, a logged-in user, and helpers to craft tokens for it. */
    private static final class Target {
        final SecurityFixture f;
        final TestKey key;
        final TokenPair pair;
        final AuthenticatedUser alice;

        Target(JwtAlgorithm algorithm) {
            f = new SecurityFixture(algorithm);
            key = f.key;
            pair = f.signUpAndLogIn("alice@example.com");
            alice = f.auth.authenticate(pair.accessToken());
        }

        Map<String, Object> header() {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("alg", key.algorithm().jwsName());
            h.put("typ", "at+jwt");
            h.put("kid", key.kid());
            return h;
        }

        Map<String, Object> claims() {
            long now = f.nowSeconds();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("iss", "ward");
            c.put("aud", "ward");
            c.put("sub", alice.userId());
            c.put("iat", now);
            c.put("exp", now + 14 * 60);
            c.put("jti", "crafted-by-the-test");
            c.put("sid", alice.sessionId());
            c.put("roles", List.of("user"));
            return c;
        }

        /** A token signed with Ward's own key. */
        String signed(Map<String, Object> header, Map<String, Object> claims) {
            return signedWith(key, Jose.json(header), Jose.json(claims));
        }

        String signedWith(TestKey signer, String headerJson, String payloadJson) {
            return Jose.compact(headerJson, payloadJson, signer.sign(Jose.signingInput(headerJson, payloadJson)));
        }

        String hmacSigned(byte[] secret, Map<String, Object> header, Map<String, Object> claims) {
            String h = Jose.json(header);
            String p = Jose.json(claims);
            return Jose.compact(h, p, Jose.hmacSha256(secret, Jose.signingInput(h, p)));
        }

        /** Asserts refusal by authenticate and by the stand-alone verifier, with the given code. */
        AuthException refused(String token, AuthError expected) {
            AuthException viaManager = refusal(() -> f.auth.authenticate(token));
            AuthException viaVerifier = refusal(() -> f.auth.verifier().verify(token));
            assertThat(viaManager.error()).as("error of %s", abbreviate(token)).isEqualTo(expected);
            assertThat(viaVerifier.error()).isEqualTo(expected);
            assertThat(viaManager.httpStatus()).isEqualTo(401);
            return viaManager;
        }

        AuthException refused(String token) {
            return refused(token, AuthError.INVALID_TOKEN);
        }

        AuthenticatedUser accepted(String token) {
            return f.auth.authenticate(token);
        }
    }

    private static String abbreviate(String token) {
        return token.length() <= 120 ? token : token.substring(0, 120) + "...(" + token.length() + " chars)";
    }

    private static String[] parts(String token) {
        return token.split("\\.", -1);
    }

    private static String withPart(String token, int index, String part) {
        String[] p = parts(token);
        p[index] = part;
        return String.join(".", p);
    }

    // ------------------------------------------------------------------ control

    @ParameterizedTest(name = "{0}")
    @EnumSource(JwtAlgorithm.class)
    @DisplayName("control: a token crafted by this test with Ward's key and claims is accepted, so every refusal below is the rule's doing")
    void craftedTokenWithWardKeyIsAccepted(JwtAlgorithm algorithm) {
        Target t = new Target(algorithm);

        AuthenticatedUser user = t.accepted(t.signed(t.header(), t.claims()));

        assertThat(user.userId()).isEqualTo(t.alice.userId());
        assertThat(user.sessionId()).isEqualTo(t.alice.sessionId());
        assertThat(Jose.decodeToText(parts(t.pair.accessToken())[0])).isEqualTo(Jose.json(t.header()));
    }

    // ------------------------------------------------------------------ algorithms

    @Nested
    @DisplayName("the algorithm is pinned to the key (RFC 8725 §2.1, §3.1)")
    class Algorithm {

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("alg none in four letter cases is refused, with or without a signature and a kid (RFC 8725 §3.2, CVE-2022-23540)")
        void algNone(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            String realSignature = parts(t.pair.accessToken())[2];
            for (String none : List.of("none", "None", "NONE", "nOnE")) {
                Map<String, Object> header = t.header();
                header.put("alg", none);
                String h = Jose.b64(Jose.json(header));
                String p = Jose.b64(Jose.json(t.claims()));
                t.refused(h + "." + p + ".");
                t.refused(h + "." + p + "." + realSignature);
                t.refused(h + "." + p);
                header.remove("kid");
                t.refused(Jose.b64(Jose.json(header)) + "." + p + ".");
                t.refused(Jose.b64("{\"alg\":\"" + none + "\"}") + "." + p + ".");
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = {"ES256", "EdDSA", "RS256"})
        @DisplayName("HS256 keyed with the public key (DER, PEM, JWK, JWKS, raw) is refused (RFC 8725 §2.1, CVE-2015-9235, CVE-2022-23541)")
        void hs256WithPublicKeyAsSecret(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            String jwks = t.f.auth.jwks();
            String jwk = jwks.substring(jwks.indexOf('[') + 1, jwks.lastIndexOf(']'));
            List<byte[]> secrets = List.of(
                    t.key.pair().getPublic().getEncoded(),
                    Jose.ascii(t.key.publicPem()),
                    Jose.ascii(t.key.publicPem().strip()),
                    Jose.utf8(jwk),
                    Jose.utf8(jwks),
                    t.key.rawPublicKey());
            Map<String, Object> header = t.header();
            header.put("alg", "HS256");
            Map<String, Object> noKid = new LinkedHashMap<>(header);
            noKid.remove("kid");
            for (byte[] secret : secrets) {
                assertThat(t.refused(t.hmacSigned(secret, header, t.claims())).getMessage()).contains("algorithm");
                t.refused(t.hmacSigned(secret, noKid, t.claims()));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("a token naming Ward's kid with any other algorithm, signed with a key of that algorithm, is refused (RFC 8725 §3.1)")
        void otherAlgorithmForTheKid(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            for (JwtAlgorithm other : JwtAlgorithm.values()) {
                if (other == algorithm) {
                    continue;
                }
                TestKey attacker = TestKey.fresh(other, t.key.kid());
                Map<String, Object> header = t.header();
                header.put("alg", other.jwsName());
                t.refused(t.signedWith(attacker, Jose.json(header), Jose.json(t.claims())));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("alg in another letter case or an unsupported alg is refused even with a valid signature of Ward's key (RFC 7515 §4.1.1: alg is case-sensitive)")
        void algSpellingIsExact(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            String real = algorithm.jwsName();
            List<Object> spellings = new ArrayList<>(List.of(real.toLowerCase(), real.toUpperCase() + " ", " " + real,
                    real + "\u0000", "HS512", "HS384", "RS512", "PS256", "ES384", "ES256K", "Ed25519", ""));
            spellings.add(List.of(real));
            spellings.add(null);
            spellings.add(256);
            for (Object spelling : spellings) {
                if (real.equals(spelling)) {
                    continue;
                }
                Map<String, Object> header = t.header();
                header.put("alg", spelling);
                t.refused(t.signed(header, t.claims()));
            }
            Map<String, Object> header = t.header();
            header.remove("alg");
            t.refused(t.signed(header, t.claims()));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("a key of the same algorithm and the same kid from another deployment is refused (RFC 8725 §2.7)")
        void sameKidOtherKey(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            TestKey impostor = TestKey.fresh(algorithm, t.key.kid());

            t.refused(t.signedWith(impostor, Jose.json(t.header()), Jose.json(t.claims())));
        }
    }

    // ------------------------------------------------------------------ signatures

    @Nested
    @DisplayName("the signature covers every byte (RFC 8725 §3.3, ASVS 9.1.1)")
    class Signatures {

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("an empty, one-byte, truncated, extended or foreign signature is refused")
        void emptyAndWrongSizedSignatures(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            String token = t.pair.accessToken();
            byte[] signature = Jose.unb64(parts(token)[2]);

            t.refused(withPart(token, 2, ""));
            t.refused(withPart(token, 2, Jose.b64(new byte[1])));
            t.refused(withPart(token, 2, Jose.b64(Arrays.copyOf(signature, signature.length - 1))));
            t.refused(withPart(token, 2, Jose.b64(Arrays.copyOf(signature, signature.length + 1))));
            t.refused(withPart(token, 2, Jose.b64(signature) + Jose.b64(signature)));
            String other = t.f.auth.logIn("alice@example.com", SecurityFixture.PASSWORD).accessToken();
            t.refused(withPart(token, 2, parts(other)[2]));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("an all-zero signature of the right length is refused (CVE-2022-21449, psychic signatures)")
        void allZeroSignature(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            String token = t.pair.accessToken();

            t.refused(withPart(token, 2, Jose.b64(new byte[t.key.signatureLength()])));
            // The DER form of r = s = 0, which a JCA verifier would be handed directly.
            t.refused(withPart(token, 2, Jose.b64(new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00})));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = "ES256")
        @DisplayName("ECDSA r or s of zero, of the group order n, or above it are refused (CVE-2022-21449)")
        void ecdsaOutOfRange(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            String token = t.pair.accessToken();
            byte[] real = Jose.unb64(parts(token)[2]);
            BigInteger n = ((ECPublicKey) t.key.pair().getPublic()).getParams().getOrder();
            byte[] order = fixed(n, 32);
            byte[] ones = new byte[32];
            Arrays.fill(ones, (byte) 0xFF);
            byte[] zero = new byte[32];
            byte[] realR = Arrays.copyOfRange(real, 0, 32);
            byte[] realS = Arrays.copyOfRange(real, 32, 64);
            for (byte[][] rs : List.of(new byte[][] {zero, zero}, new byte[][] {order, order},
                    new byte[][] {realR, zero}, new byte[][] {zero, realS}, new byte[][] {order, realS},
                    new byte[][] {realR, order}, new byte[][] {ones, ones},
                    new byte[][] {fixed(new BigInteger(1, realR).add(n), 33), realS})) {
                byte[] signature = new byte[rs[0].length + rs[1].length];
                System.arraycopy(rs[0], 0, signature, 0, rs[0].length);
                System.arraycopy(rs[1], 0, signature, rs[0].length, rs[1].length);
                t.refused(withPart(token, 2, Jose.b64(signature)));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = "EdDSA")
        @DisplayName("an Ed25519 signature made malleable (S + L) is refused (RFC 8032 §5.1.7)")
        void ed25519Malleability(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            String token = t.pair.accessToken();
            byte[] signature = Jose.unb64(parts(token)[2]);
            BigInteger order = BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
            byte[] sLittleEndian = Arrays.copyOfRange(signature, 32, 64);
            BigInteger s = new BigInteger(1, reverse(sLittleEndian));
            byte[] malleable = signature.clone();
            System.arraycopy(reverse(fixed(s.add(order), 32)), 0, malleable, 32, 32);

            t.refused(withPart(token, 2, Jose.b64(malleable)));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("every single-bit change of the signature is refused")
        void everyBitOfTheSignature(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            String token = t.pair.accessToken();
            byte[] signature = Jose.unb64(parts(token)[2]);
            for (int bit = 0; bit < signature.length * 8; bit++) {
                byte[] flipped = signature.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                t.refused(withPart(token, 2, Jose.b64(flipped)));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("the payload changed and the signature kept is refused: another user, admin roles, a later exp, another session")
        void payloadChanged(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            TokenPair bob = t.f.signUpAndLogIn(BOB);
            AuthenticatedUser bobUser = t.f.auth.authenticate(bob.accessToken());
            String token = t.pair.accessToken();
            String payload = Jose.decodeToText(parts(token)[1]);

            List<String> forgeries = List.of(
                    payload.replace(t.alice.userId(), bobUser.userId()),
                    payload.replace("[\"user\"]", "[\"user\",\"admin\",\"super_admin\"]"),
                    payload.replaceFirst("\"exp\":\\d+", "\"exp\":" + (t.f.nowSeconds() + 365L * 24 * 3600)),
                    payload.replace(t.alice.sessionId(), bobUser.sessionId()),
                    payload + " ",
                    " " + payload);
            for (String forged : forgeries) {
                assertThat(forged).isNotEqualTo(payload);
                t.refused(withPart(token, 1, Jose.b64(forged)));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("the header changed and the signature kept is refused: members reordered, added, typ or kid respelled")
        void headerChanged(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            String token = t.pair.accessToken();
            String kid = t.key.kid();
            String alg = algorithm.jwsName();
            List<String> headers = List.of(
                    "{\"typ\":\"at+jwt\",\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}",
                    "{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\",\"x\":1}",
                    "{\"alg\":\"" + alg + "\",\"typ\":\"AT+JWT\",\"kid\":\"" + kid + "\"}",
                    "{\"alg\":\"" + alg + "\",\"typ\":\"application/at+jwt\",\"kid\":\"" + kid + "\"}",
                    "{ \"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}");
            for (String header : headers) {
                t.refused(withPart(token, 0, Jose.b64(header)));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("a valid token in another encoding (padding, standard alphabet, spare bits set, whitespace) is refused (RFC 7515 §2, RFC 8725 §2.6)")
        void otherEncodingsOfAValidToken(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            String token = t.pair.accessToken();
            String[] p = parts(token);
            byte[] signature = Jose.unb64(p[2]);
            String padded = Base64.getUrlEncoder().encodeToString(signature);
            String standard = Base64.getEncoder().withoutPadding().encodeToString(signature);

            List<String> variants = new ArrayList<>();
            if (!padded.equals(p[2])) {
                variants.add(withPart(token, 2, padded));
            }
            if (!standard.equals(p[2])) {
                variants.add(withPart(token, 2, standard));
            }
            for (int i = 0; i < 3; i++) {
                String spare = setSpareBits(p[i]);
                if (spare != null) {
                    variants.add(withPart(token, i, spare));
                }
            }
            variants.add(" " + token);
            variants.add(token + "\n");
            variants.add("Bearer " + token);
            variants.add(token.replace(".", ".\u200B"));
            assertThat(variants).hasSizeGreaterThan(5);
            for (String variant : variants) {
                t.refused(variant);
            }
            assertThat(t.accepted(token)).isNotNull();
        }
    }

    // ------------------------------------------------------------------ headers

    @Nested
    @DisplayName("the header cannot bring its own key or extensions (RFC 8725 §3.10, ASVS 9.1.3)")
    class Headers {

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("an embedded jwk signed with the attacker's key is ignored and the token refused (CVE-2018-0114)")
        void embeddedJwk(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            TestKey attacker = TestKey.fresh(algorithm, "attacker");
            String jwk = algorithm.isSymmetric()
                    ? "{\"kty\":\"oct\",\"kid\":\"attacker\",\"k\":\"" + Jose.b64(attacker.secret()) + "\"}"
                    : attacker.jwtKey().toPublicJwk().orElseThrow();
            for (String kid : kidVariants(t)) {
                Map<String, Object> header = t.header();
                header.put("jwk", new Jose.Raw(jwk));
                putKid(header, kid);
                t.refused(t.signedWith(attacker, Jose.json(header), Jose.json(t.claims())));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("jku and x5u pointing at the attacker's server are never fetched, and the token is refused (RFC 8725 §3.10, SSRF)")
        void jkuAndX5uAreNeverFetched(JwtAlgorithm algorithm) throws Exception {
            Target t = new Target(algorithm);
            TestKey attacker = TestKey.fresh(algorithm, "attacker");
            AtomicInteger fetches = new AtomicInteger();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                fetches.incrementAndGet();
                byte[] body = ("{\"keys\":[" + attacker.jwtKey().toPublicJwk().orElse("") + "]}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            try {
                String base = "http://127.0.0.1:" + server.getAddress().getPort();
                for (String member : List.of("jku", "x5u")) {
                    for (String url : List.of(base + "/jwks.json", base + "/cert.pem", "file:///etc/passwd",
                            "http://169.254.169.254/latest/meta-data/")) {
                        for (String kid : kidVariants(t)) {
                            Map<String, Object> header = t.header();
                            header.put(member, url);
                            putKid(header, kid);
                            t.refused(t.signedWith(attacker, Jose.json(header), Jose.json(t.claims())));
                        }
                    }
                }
            } finally {
                server.stop(0);
            }
            assertThat(fetches).as("requests to the attacker's key server").hasValue(0);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("an x5c chain with the attacker's self-signed certificate is ignored and the token refused (RFC 8725 §3.10)")
        void embeddedCertificateChain(JwtAlgorithm algorithm) throws Exception {
            Target t = new Target(algorithm);
            // A certificate holds a public key; against an HMAC key, the attacker claims ES256.
            JwtAlgorithm attackerAlgorithm = algorithm.isSymmetric() ? JwtAlgorithm.ES256 : algorithm;
            TestKey attacker = TestKey.fresh(attackerAlgorithm, "attacker");
            byte[] certificate = Jose.selfSignedCertificate(attacker.pair());
            X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
            assertThat(parsed.getPublicKey()).as("the forged certificate is well-formed").isEqualTo(attacker.pair().getPublic());
            for (String kid : kidVariants(t)) {
                Map<String, Object> header = t.header();
                header.put("alg", attackerAlgorithm.jwsName());
                header.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate)));
                header.put("x5t#S256", Jose.b64(MessageDigest.getInstance("SHA-256").digest(certificate)));
                putKid(header, kid);
                t.refused(t.signedWith(attacker, Jose.json(header), Jose.json(t.claims())));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("kid path traversal, SQL and shell injection, odd types and a 10 KB kid are refused, whatever key signed them (RFC 8725 §3.10)")
        void hostileKids(JwtAlgorithm algorithm, @TempDir Path tmp) {
            Target t = new Target(algorithm);
            Path pwned = tmp.resolve("pwned");
            String touch = "touch " + pwned;
            List<Object> kids = new ArrayList<>(List.of("", " ", "../../dev/null", "/dev/null",
                    "../../../../../../../../etc/passwd", "file:///dev/null",
                    "' OR '1'='1", "x' UNION SELECT 'ward-attack' -- ", "1; DROP TABLE ward_users; --",
                    "$(" + touch + ")", "`" + touch + "`", "; " + touch, "| " + touch, "&& " + touch,
                    "${jndi:ldap://127.0.0.1:1/a}", t.key.kid() + "\u0000", t.key.kid() + " ",
                    t.key.kid().toUpperCase(), "x".repeat(4000), "k".repeat(10 * 1024)));
            kids.add(null);
            kids.add(42);
            kids.add(List.of(t.key.kid()));
            kids.add(Map.of("kid", t.key.kid()));
            for (Object kid : kids) {
                Map<String, Object> header = t.header();
                header.put("kid", kid);
                // Signed with Ward's real key: only the kid lookup can refuse it.
                t.refused(t.signed(header, t.claims()));
                // Signed as the classic attacks expect: the empty file, the injected secret.
                header.put("alg", "HS256");
                t.refused(t.hmacSigned(new byte[0], header, t.claims()));
                t.refused(t.hmacSigned(Jose.utf8("ward-attack"), header, t.claims()));
            }
            assertThat(pwned).doesNotExist();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("crit, even when signed with Ward's key, is refused: unknown names, known names, empty (RFC 7515 §4.1.11)")
        void crit(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            List<Map<String, Object>> headers = new ArrayList<>();
            Map<String, Object> unknown = t.header();
            unknown.put("crit", List.of("urn:example:unknown"));
            unknown.put("urn:example:unknown", true);
            headers.add(unknown);
            Map<String, Object> b64 = t.header();
            b64.put("crit", List.of("b64"));
            b64.put("b64", false);
            headers.add(b64);
            Map<String, Object> exp = t.header();
            exp.put("crit", List.of("exp"));
            exp.put("exp", t.f.nowSeconds() + 60);
            headers.add(exp);
            Map<String, Object> empty = t.header();
            empty.put("crit", List.of());
            headers.add(empty);
            Map<String, Object> notAList = t.header();
            notAList.put("crit", "urn:example:unknown");
            headers.add(notAList);
            for (Map<String, Object> header : headers) {
                t.refused(t.signed(header, t.claims()));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("typ missing, JWT or anything but at+jwt is refused even when signed with Ward's key (RFC 8725 §3.11, RFC 9068 §4)")
        void typ(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            List<Object> wrong = new ArrayList<>(List.of("JWT", "jwt", "JOSE", "JOSE+JSON", "application/jwt", "at+jwt ",
                    " at+jwt", "at+jwt\u0000", "at-jwt", "secevent+jwt", "rt+jwt", ""));
            wrong.add(null);
            wrong.add(1);
            wrong.add(List.of("at+jwt"));
            for (Object typ : wrong) {
                Map<String, Object> header = t.header();
                header.put("typ", typ);
                assertThat(t.refused(t.signed(header, t.claims())).getMessage()).contains("at+jwt");
            }
            Map<String, Object> missing = t.header();
            missing.remove("typ");
            t.refused(t.signed(missing, t.claims()));
            // The media type is case-insensitive and may carry its "application/" prefix (RFC 9068 §4).
            for (String right : List.of("at+jwt", "AT+JWT", "application/at+jwt")) {
                Map<String, Object> header = t.header();
                header.put("typ", right);
                assertThat(t.accepted(t.signed(header, t.claims()))).isNotNull();
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("JWE and RFC 7797 features (enc, zip, b64 false) and duplicate header members are refused (RFC 7515 §4, RFC 8725 §2.6)")
        void otherJoseFeatures(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            for (String member : List.of("enc", "zip")) {
                Map<String, Object> header = t.header();
                header.put(member, member.equals("enc") ? "A256GCM" : "DEF");
                t.refused(t.signed(header, t.claims()));
            }
            Map<String, Object> b64 = t.header();
            b64.put("b64", false);
            t.refused(t.signed(b64, t.claims()));
            String alg = algorithm.jwsName();
            String duplicate = "{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + t.key.kid() + "\",\"alg\":\"none\"}";
            t.refused(t.signedWith(t.key, duplicate, Jose.json(t.claims())));
            t.refused(t.signedWith(t.key, Jose.json(t.header()),
                    Jose.json(t.claims()).replaceFirst("^\\{", "{\"sub\":\"someone-else\",")));
            // Five parts: a JWE compact serialisation.
            t.refused(t.pair.accessToken() + ".AAAA.AAAA");
        }
    }

    // ------------------------------------------------------------------ claims

    @Nested
    @DisplayName("claims are required and checked (RFC 7519 §4.1, RFC 8725 §3.8-3.9, ASVS 9.2.1-9.2.3)")
    class Claims {

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("a token without exp, iat, iss, aud, sub or sid is refused even when signed with Ward's key")
        void requiredClaims(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            for (String claim : List.of("exp", "iat", "iss", "aud", "sub", "sid")) {
                Map<String, Object> claims = t.claims();
                claims.remove(claim);
                assertThat(t.refused(t.signed(t.header(), claims)).getMessage()).as(claim).contains(claim);
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("claims of the wrong type or value are refused: another issuer or audience, dates as text, blank subject")
        void wrongClaims(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            long now = t.f.nowSeconds();
            List<Map.Entry<String, Object>> wrong = List.of(
                    Map.entry("iss", "https://evil.example"), Map.entry("iss", "WARD"), Map.entry("iss", List.of("ward")),
                    Map.entry("aud", "other-api"), Map.entry("aud", List.of()), Map.entry("aud", List.of("other-api")),
                    Map.entry("aud", Map.of("aud", "ward")), Map.entry("exp", String.valueOf(now + 600)),
                    Map.entry("exp", true), Map.entry("iat", String.valueOf(now)), Map.entry("nbf", "0"),
                    Map.entry("sub", ""), Map.entry("sub", "   "), Map.entry("sub", 42), Map.entry("sid", List.of("x")),
                    Map.entry("roles", "admin"), Map.entry("roles", List.of("user", 1)), Map.entry("jti", 7));
            for (Map.Entry<String, Object> entry : wrong) {
                Map<String, Object> claims = t.claims();
                claims.put(entry.getKey(), entry.getValue());
                t.refused(t.signed(t.header(), claims));
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("exp one second beyond the 30 s skew is TOKEN_EXPIRED; one second inside it is accepted (RFC 7519 §4.1.4)")
        void expiryAtTheSkew(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            long now = t.f.nowSeconds();
            Map<String, Object> inside = t.claims();
            inside.put("iat", now - 900);
            inside.put("exp", now - 29);
            Map<String, Object> beyond = t.claims();
            beyond.put("iat", now - 900);
            beyond.put("exp", now - 30);

            assertThat(t.accepted(t.signed(t.header(), inside))).isNotNull();
            t.refused(t.signed(t.header(), beyond), AuthError.TOKEN_EXPIRED);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("nbf or iat in the future beyond the skew is refused; at the skew it is accepted (RFC 7519 §4.1.5)")
        void notBeforeAndIssuedAt(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            long now = t.f.nowSeconds();
            for (String claim : List.of("nbf", "iat")) {
                Map<String, Object> future = t.claims();
                future.put(claim, now + 31);
                t.refused(t.signed(t.header(), future));
                Map<String, Object> atSkew = t.claims();
                atSkew.put(claim, now + 30);
                assertThat(t.accepted(t.signed(t.header(), atSkew))).isNotNull();
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("absurd numeric dates (beyond Instant, infinite, negative) are refused with an AuthException, never a crash")
        void absurdNumericDates(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            long now = t.f.nowSeconds();
            List<Map.Entry<String, Object>> absurd = List.of(
                    Map.entry("exp", Long.MAX_VALUE), Map.entry("exp", new Jose.Raw("1e20")),
                    Map.entry("exp", new Jose.Raw("1e400")), Map.entry("exp", new Jose.Raw("100000000000000000000000")),
                    Map.entry("exp", 32_000_000_000_000_000L), Map.entry("iat", Long.MIN_VALUE),
                    Map.entry("iat", -32_000_000_000_000_000L), Map.entry("iat", new Jose.Raw("-1e20")),
                    Map.entry("nbf", new Jose.Raw("-1e400")), Map.entry("exp", new Jose.Raw("NaN")),
                    Map.entry("exp", new Jose.Raw("-0")));
            for (Map.Entry<String, Object> entry : absurd) {
                Map<String, Object> claims = t.claims();
                claims.put(entry.getKey(), entry.getValue());
                String token = t.signed(t.header(), claims);
                AuthException e = refusal(() -> t.f.auth.authenticate(token));
                assertThat(e.error()).as("%s=%s", entry.getKey(), entry.getValue())
                        .isIn(AuthError.INVALID_TOKEN, AuthError.TOKEN_EXPIRED);
            }
            Map<String, Object> fraction = t.claims();
            fraction.put("exp", new Jose.Raw((now + 600) + ".75"));
            assertThat(t.accepted(t.signed(t.header(), fraction)).expiresAt().getEpochSecond()).isEqualTo(now + 600);
        }
    }

    // ------------------------------------------------------------------ size and kind

    @Nested
    @DisplayName("size and kind")
    class SizeAndKind {

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("a signed token just over 8 KiB is refused before parsing; one at the cap is accepted; 1 MiB is refused")
        void sizeCap(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            int cap = 8 * 1024;
            String h = Jose.json(t.header());
            int signatureChars = Jose.b64(new byte[t.key.signatureLength()]).length();
            // The largest filler that keeps the token within the cap (length grows with the filler).
            int low = 0;
            int high = cap;
            while (low < high) {
                int mid = (low + high + 1) / 2;
                if (tokenLength(h, t, mid, signatureChars) <= cap) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            int fill = low;
            String atCap = padded(t, h, fill);
            String overCap = padded(t, h, fill + 1);

            assertThat(atCap.length()).isBetween(cap - 2, cap);
            assertThat(overCap.length()).isGreaterThan(cap);
            assertThat(t.accepted(atCap)).isNotNull();
            assertThat(t.refused(overCap).getMessage()).contains("larger");
            assertThat(t.refused("A".repeat(1024 * 1024)).getMessage()).contains("larger");
        }

        private int tokenLength(String header, Target t, int fill, int signatureChars) {
            Map<String, Object> claims = t.claims();
            claims.put("pad", "x".repeat(fill));
            return Jose.b64(header).length() + 1 + Jose.b64(Jose.json(claims)).length() + 1 + signatureChars;
        }

        private String padded(Target t, String header, int fill) {
            Map<String, Object> claims = t.claims();
            claims.put("pad", "x".repeat(fill));
            return t.signedWith(t.key, header, Jose.json(claims));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("a refresh token is no access token and an access token is no refresh token (RFC 8725 §3.12)")
        void tokenKindsDoNotMix(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);

            t.refused(t.pair.refreshToken());
            assertThat(refusal(() -> t.f.auth.refresh(t.pair.accessToken())).error()).isEqualTo(AuthError.INVALID_TOKEN);
            t.f.auth.logOut(t.pair.accessToken());
            assertThat(t.f.auth.refresh(t.pair.refreshToken())).as("log-out with an access token ends nothing").isNotNull();
        }
    }

    // ------------------------------------------------------------------ weak secrets

    @Nested
    @DisplayName("weak secrets (RFC 8725 §2.2, §3.5)")
    class WeakSecrets {

        private static final List<String> COMMON = List.of("secret", "password", "changeme", "your-256-bit-secret",
                "secretkey", "secret-key", "jwt-secret", "jwt_secret", "mysecret", "supersecret", "shhhhh",
                "keyboard cat", "key", "test", "ward", "123456", "ACCESS_TOKEN_PRIVATE_KEY", "REFRESH_TOKEN_PRIVATE_KEY",
                "");

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("HS256 tokens signed with common secrets, padded every way an attacker would to pass length checks, are refused")
        void commonSecrets(JwtAlgorithm algorithm) {
            Target t = new Target(algorithm);
            Map<String, Object> header = t.header();
            header.put("alg", "HS256");
            Map<String, Object> noKid = new LinkedHashMap<>(header);
            noKid.remove("kid");
            int tried = 0;
            for (String secret : COMMON) {
                for (byte[] key : paddings(secret)) {
                    t.refused(t.hmacSigned(key, header, t.claims()));
                    t.refused(t.hmacSigned(key, noKid, t.claims()));
                    tried++;
                }
            }
            assertThat(tried).isGreaterThanOrEqualTo(COMMON.size() * 6);
        }

        private List<byte[]> paddings(String secret) {
            byte[] raw = Jose.utf8(secret);
            List<byte[]> keys = new ArrayList<>();
            keys.add(raw);
            keys.add(Arrays.copyOf(raw, 32));
            keys.add(Jose.utf8(secret + " ".repeat(Math.max(0, 32 - secret.length()))));
            keys.add(Jose.utf8(secret + "0".repeat(Math.max(0, 32 - secret.length()))));
            keys.add(Jose.utf8(secret.isEmpty() ? "=".repeat(32) : secret.repeat(32 / secret.length() + 1)));
            keys.add(Jose.utf8(Base64.getEncoder().encodeToString(raw)));
            keys.add(Jose.utf8(secret + "=".repeat(Math.max(0, 32 - secret.length()))));
            return keys;
        }
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> kidVariants(Target t) {
        List<String> kids = new ArrayList<>();
        kids.add(t.key.kid());
        kids.add("attacker");
        kids.add(null);
        return kids;
    }

    private static void putKid(Map<String, Object> header, String kid) {
        if (kid == null) {
            header.remove("kid");
        } else {
            header.put("kid", kid);
        }
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    /** The same bytes with the unused low bits of the last character set, or null when there are none. */
    private static String setSpareBits(String part) {
        int spare = switch (part.length() % 4) {
            case 2 -> 0x0F;
            case 3 -> 0x03;
            default -> 0;
        };
        if (spare == 0) {
            return null;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(part.charAt(part.length() - 1));
        return part.substring(0, part.length() - 1) + alphabet.charAt(last | spare);
    }
}
