package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.Serial;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Loading keys the ways users have them: raw secrets, PEM, JWK and JWKS; generating them; and
 * publishing the public half. A loaded key is proved by what it does (a token it signs is
 * accepted by the other form of the same key), not by comparing fields.
 */
@DisplayName("loading, generating and publishing keys")
class KeyLoadingTest {

    /** Signs a token with {@code signer} (through a real manager) and verifies it with {@code verifier}. */
    private static AuthenticatedUser signAndVerify(JwtKey signer, JwtKey verifier) {
        Cluster cluster = new Cluster();
        String token = cluster.logIn(cluster.node(KeySet.of(signer)), "alice@example.com").accessToken();
        return cluster.verifier().keys(KeySet.verifyOnly(List.of(verifier))).build().verify(token);
    }

    private static void assertSameKey(JwtKey a, JwtKey b) {
        assertThat(b.kid()).isEqualTo(a.kid());
        assertThat(b.algorithm()).isEqualTo(a.algorithm());
        if (a.canSign()) {
            assertThat(signAndVerify(a, b)).isNotNull();
        }
        if (b.canSign()) {
            assertThat(signAndVerify(b, a)).isNotNull();
        }
    }

    private static void assertNotTheSameKey(JwtKey signer, JwtKey verifier) {
        AuthException e = catchThrowableOfType(AuthException.class, () -> signAndVerify(signer, verifier));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("signature");
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    private static String publicPem(KeyPair pair) {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    private static KeyPair generate(String algorithm, Object parameter) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (parameter instanceof Integer bits) {
            generator.initialize(bits);
        } else if (parameter instanceof String curve) {
            generator.initialize(new ECGenParameterSpec(curve));
        }
        return generator.generateKeyPair();
    }

    /**
     * An Ed25519 private key as some providers encode it: PKCS#8 v2 (OneAsymmetricKey) with the
     * public key after the private one, so the encoding does not end with the private key.
     */
    private static final class Pkcs8V2Ed25519 implements EdECPrivateKey {
        @Serial
        private static final long serialVersionUID = 1L;

        private final EdECPrivateKey key;
        private final byte[] encoded;

        Pkcs8V2Ed25519(EdECPrivateKey key, byte[] publicSpki) {
            this.key = key;
            byte[] raw = key.getBytes().orElseThrow();
            byte[] head = HexFormat.of().parseHex("3051020101300506032b657004220420");
            byte[] publicRaw = Arrays.copyOfRange(publicSpki, publicSpki.length - 32, publicSpki.length);
            ByteBuffer der = ByteBuffer.allocate(head.length + 32 + 3 + 32);
            der.put(head).put(raw).put(new byte[] {(byte) 0x81, 0x21, 0x00}).put(publicRaw);
            this.encoded = der.array();
        }

        @Override
        public Optional<byte[]> getBytes() {
            return key.getBytes();
        }

        @Override
        public NamedParameterSpec getParams() {
            return key.getParams();
        }

        @Override
        public String getAlgorithm() {
            return key.getAlgorithm();
        }

        @Override
        public String getFormat() {
            return "PKCS#8";
        }

        @Override
        public byte[] getEncoded() {
            return encoded.clone();
        }
    }

    private static IllegalArgumentException refused(Runnable load) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, load::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    // ------------------------------------------------------------------ raw secrets

    @Nested
    @DisplayName("HS256 secrets")
    class Secrets {

        /** 32 bytes whose base64 has '+' and '/' and whose base64url has '-' and '_'. */
        private final byte[] secret = new byte[32];

        {
            for (int i = 0; i < secret.length; i++) {
                // Not a pattern of 8 bytes repeated, which the guessable-secret check refuses.
                secret[i] = (byte) (i % 8 == 0 ? i : 0xF8 + i % 8);
            }
        }

        @Test
        @DisplayName("raw bytes of 32 or more work; the array is copied; 31 bytes are refused")
        void rawBytes() {
            byte[] mine = secret.clone();
            JwtKey key = JwtKey.hmac("k", mine);
            Arrays.fill(mine, (byte) 0);

            assertThat(key.algorithm()).isEqualTo(JwtAlgorithm.HS256);
            assertThat(key.canSign()).isTrue();
            assertSameKey(key, JwtKey.hmac("k", secret));
            byte[] longer = Arrays.copyOf(secret, 64);
            assertSameKey(JwtKey.hmac("k", longer), JwtKey.hmac("k", longer.clone()));
            assertThat(refused(() -> JwtKey.hmac("k", Arrays.copyOf(secret, 31)))).hasMessageContaining("32 bytes");
        }

        @Test
        @DisplayName("base64 in the standard or the URL alphabet, with or without padding, gives the same key")
        void base64BothAlphabets() {
            String standard = Base64.getEncoder().encodeToString(secret);
            String url = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            assertThat(standard).containsAnyOf("+", "/").endsWith("=");
            assertThat(url).containsAnyOf("-", "_").doesNotContain("=");

            JwtKey raw = JwtKey.hmac("k", secret);
            assertSameKey(raw, JwtKey.hmacBase64("k", standard));
            assertSameKey(raw, JwtKey.hmacBase64("k", url));
            assertSameKey(raw, JwtKey.hmacBase64("k", "  " + standard + "\n"));
            assertNotTheSameKey(raw, JwtKey.hmacBase64("k", Base64.getEncoder().encodeToString(TestKeys.secret(1))));
        }

        @Test
        @DisplayName("line-wrapped base64, as `openssl rand -base64 64` prints it, is read")
        void wrappedBase64() {
            byte[] longSecret = Arrays.copyOf(TestKeys.secret(0), 64);
            System.arraycopy(TestKeys.secret(1), 0, longSecret, 32, 32);
            String wrapped = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(longSecret) + "\n";
            assertThat(wrapped.strip()).contains("\n");

            assertSameKey(JwtKey.hmac("k", longSecret), JwtKey.hmacBase64("k", wrapped));
        }

        @Test
        @DisplayName("short or malformed base64 is refused without repeating it")
        void badBase64() {
            String shortSecret = Base64.getEncoder().encodeToString(Arrays.copyOf(secret, 31));
            assertThat(refused(() -> JwtKey.hmacBase64("k", shortSecret))).hasMessageContaining("32 bytes");
            assertThat(refused(() -> JwtKey.hmacBase64("k", "not*base64*at*all"))).hasMessageContaining("base64")
                    .hasMessageNotContaining("not*base64");
            assertThat(refused(() -> JwtKey.hmacBase64("k", ""))).hasMessageContaining("32 bytes");
        }

        @Test
        @DisplayName("a blank or over-long kid is refused")
        void badKid() {
            assertThat(refused(() -> JwtKey.hmac(" ", secret))).hasMessageContaining("kid");
            assertThat(refused(() -> JwtKey.hmac("k".repeat(257), secret))).hasMessageContaining("kid");
            assertThatThrownBy(() -> JwtKey.hmac(null, secret)).isInstanceOf(NullPointerException.class);
        }
    }

    // ------------------------------------------------------------------ PEM

    @Nested
    @DisplayName("PEM")
    class Pem {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = {"ES256", "EdDSA", "RS256"})
        @DisplayName("PKCS#8 PRIVATE KEY and X.509 PUBLIC KEY blocks in either order give a signing key")
        void privateAndPublic(JwtAlgorithm algorithm) {
            KeyPair pair = TestKeys.pair(algorithm, 0);
            JwtKey publicOnly = JwtKey.of("k", pair.getPublic(), null);

            JwtKey privateFirst = JwtKey.fromPem("k", privatePem(pair) + publicPem(pair));
            JwtKey publicFirst = JwtKey.fromPem("k", "# the signing key\r\n" + publicPem(pair).replace("\n", "\r\n")
                    + "\n\n" + privatePem(pair));

            assertThat(privateFirst.algorithm()).isEqualTo(algorithm);
            assertThat(privateFirst.canSign()).isTrue();
            assertSameKey(privateFirst, publicOnly);
            assertSameKey(publicFirst, publicOnly);
            assertNotTheSameKey(privateFirst, JwtKey.of("k", TestKeys.pair(algorithm, 1).getPublic(), null));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = {"ES256", "EdDSA", "RS256"})
        @DisplayName("a PUBLIC KEY block alone gives a verify-only key that cannot sign")
        void publicOnly(JwtAlgorithm algorithm) {
            KeyPair pair = TestKeys.pair(algorithm, 0);
            JwtKey verifier = JwtKey.fromPem("k", publicPem(pair));

            assertThat(verifier.canSign()).isFalse();
            assertThat(verifier.algorithm()).isEqualTo(algorithm);
            assertSameKey(JwtKey.of("k", pair.getPublic(), pair.getPrivate()), verifier);
            assertThat(refused(() -> KeySet.of(verifier))).hasMessageContaining("verify-only");
        }

        @Test
        @DisplayName("an RSA private key alone is enough: the public key is derived from it")
        void rsaPrivateOnly() {
            KeyPair pair = TestKeys.pair(JwtAlgorithm.RS256, 0);
            JwtKey key = JwtKey.fromPem("k", privatePem(pair));

            assertThat(key.canSign()).isTrue();
            assertSameKey(key, JwtKey.of("k", pair.getPublic(), null));
            assertThat(key.toPublicJwk()).isEqualTo(JwtKey.of("k", pair.getPublic(), null).toPublicJwk());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = {"ES256", "EdDSA"})
        @DisplayName("an EC or Ed25519 private key alone is refused, saying how to get the public block")
        void privateOnlyNeedsPublic(JwtAlgorithm algorithm) {
            String pem = privatePem(TestKeys.pair(algorithm, 0));

            assertThat(refused(() -> JwtKey.fromPem("k", pem)))
                    .hasMessageContaining("PUBLIC KEY")
                    .hasMessageContaining("openssl pkey -in key.pem -pubout");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = {"ES256", "EdDSA", "RS256"})
        @DisplayName("a private key with the public key of another pair is refused")
        void mismatchedPair(JwtAlgorithm algorithm) {
            String pem = privatePem(TestKeys.pair(algorithm, 0)) + publicPem(TestKeys.pair(algorithm, 1));

            assertThat(refused(() -> JwtKey.fromPem("k", pem))).hasMessageContaining("do not belong together");
        }

        @Test
        @DisplayName("a private and a public key of different types are refused")
        void mixedTypes() {
            String pem = privatePem(TestKeys.pair(JwtAlgorithm.ES256, 0)) + publicPem(TestKeys.pair(JwtAlgorithm.RS256, 0));

            assertThat(refused(() -> JwtKey.fromPem("k", pem))).hasMessageContaining("RSA");
            assertThat(refused(() -> JwtKey.of("k", TestKeys.pair(JwtAlgorithm.EdDSA, 0).getPublic(),
                    TestKeys.pair(JwtAlgorithm.ES256, 0).getPrivate()))).hasMessageContaining("Ed25519");
        }

        @Test
        @DisplayName("an RSA key under 2048 bits is refused")
        void shortRsa() throws Exception {
            KeyPair weak = generate("RSA", 1024);

            assertThat(refused(() -> JwtKey.fromPem("k", privatePem(weak) + publicPem(weak))))
                    .hasMessageContaining("2048");
            assertThat(refused(() -> JwtKey.fromPem("k", publicPem(weak)))).hasMessageContaining("2048");
        }

        @Test
        @DisplayName("an RSA public key with an even exponent or an exponent of 1 is refused")
        void brokenRsaExponent() throws Exception {
            BigInteger modulus = ((RSAPublicKey) TestKeys.pair(JwtAlgorithm.RS256, 0)
                    .getPublic()).getModulus();
            PublicKey even = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(65536)));
            RSAPublicKey one = new RSAPublicKey() {
                @Override
                public BigInteger getPublicExponent() {
                    return BigInteger.ONE;
                }

                @Override
                public BigInteger getModulus() {
                    return modulus;
                }

                @Override
                public String getAlgorithm() {
                    return "RSA";
                }

                @Override
                public String getFormat() {
                    return null;
                }

                @Override
                public byte[] getEncoded() {
                    return null;
                }
            };

            assertThat(refused(() -> JwtKey.of("k", even, null))).hasMessageContaining("exponent");
            assertThat(refused(() -> JwtKey.of("k", one, null))).hasMessageContaining("exponent");
            assertThat(refused(() -> JwtKey.fromPem("k", publicPem(new KeyPair(even, null)))))
                    .hasMessageContaining("exponent");
        }

        @Test
        @DisplayName("an EC key on P-384 is refused: ES256 means P-256")
        void ecP384() throws Exception {
            KeyPair p384 = generate("EC", "secp384r1");

            assertThat(refused(() -> JwtKey.fromPem("k", privatePem(p384) + publicPem(p384))))
                    .hasMessageContaining("P-256");
            assertThat(refused(() -> JwtKey.fromPem("k", publicPem(p384)))).hasMessageContaining("P-256");
        }

        @Test
        @DisplayName("Ed448 and DSA keys are refused")
        void otherKeyTypes() throws Exception {
            String ed448 = publicPem(generate("Ed448", null));
            String dsa = privatePem(generate("DSA", 2048));

            assertThat(refused(() -> JwtKey.fromPem("k", ed448))).hasMessageContaining("RSA, EC or Ed25519");
            assertThat(refused(() -> JwtKey.fromPem("k", dsa))).hasMessageContaining("RSA, EC or Ed25519");
        }

        @Test
        @DisplayName("PKCS#1 'RSA PRIVATE KEY' and SEC 1 'EC PRIVATE KEY' are refused with the openssl command")
        void traditionalFormats() {
            byte[] pkcs8 = TestKeys.pair(JwtAlgorithm.RS256, 0).getPrivate().getEncoded();
            // PKCS#8 wraps the PKCS#1 structure after a 26-byte prefix (version, algorithm id, octet string header).
            byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
            assertThat(pkcs1[0]).isEqualTo((byte) 0x30);

            IllegalArgumentException rsa = refused(() -> JwtKey.fromPem("k", pem("RSA PRIVATE KEY", pkcs1)));
            assertThat(rsa).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
            assertThat(rsa.getMessage()).doesNotContain(Base64.getEncoder().encodeToString(pkcs1).substring(0, 20));
            assertThat(refused(() -> JwtKey.fromPem("k", pem("EC PRIVATE KEY", new byte[] {0x30, 0}))))
                    .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        }

        @Test
        @DisplayName("encrypted keys, two private keys, unknown blocks and text without a block are refused")
        void otherProblems() {
            KeyPair pair = TestKeys.pair(JwtAlgorithm.ES256, 0);

            assertThat(refused(() -> JwtKey.fromPem("k", pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0}))))
                    .hasMessageContaining("encrypted");
            assertThat(refused(() -> JwtKey.fromPem("k", privatePem(pair) + privatePem(pair))))
                    .hasMessageContaining("more than one");
            assertThat(refused(() -> JwtKey.fromPem("k", pem("OPENSSH PRIVATE KEY", new byte[] {1, 2}))))
                    .hasMessageContaining("unsupported PEM block");
            assertThat(refused(() -> JwtKey.fromPem("k", "just some text"))).hasMessageContaining("no PEM block");
            assertThat(refused(() -> JwtKey.fromPem("k", pem("PUBLIC KEY", new byte[] {1, 2, 3}))))
                    .hasMessageContaining("PUBLIC KEY");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = {"ES256", "EdDSA", "RS256"})
        @DisplayName("a CERTIFICATE block made by keytool stands for the public key")
        void certificate(JwtAlgorithm algorithm, @TempDir Path dir) throws Exception {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            assumeTrue(Files.isExecutable(keytool), "keytool is not installed");
            Path store = dir.resolve("keys.p12");
            List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair",
                    "-alias", "ward", "-dname", "CN=ward-test", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit"));
            command.addAll(switch (algorithm) {
                case ES256 -> List.of("-keyalg", "EC", "-groupname", "secp256r1");
                case EdDSA -> List.of("-keyalg", "Ed25519");
                default -> List.of("-keyalg", "RSA", "-keysize", "2048");
            });
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("keytool.log").toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(store.toFile())) {
                keyStore.load(in, "changeit".toCharArray());
            }
            PrivateKey privateKey = (PrivateKey) keyStore.getKey("ward", "changeit".toCharArray());
            Certificate certificate = keyStore.getCertificate("ward");
            String certificatePem = pem("CERTIFICATE", certificate.getEncoded());

            JwtKey signing = JwtKey.fromPem("k", certificatePem + pem("PRIVATE KEY", privateKey.getEncoded()));
            JwtKey verifying = JwtKey.fromPem("k", certificatePem);

            assertThat(signing.algorithm()).isEqualTo(algorithm);
            assertThat(verifying.canSign()).isFalse();
            assertSameKey(signing, verifying);
        }
    }

    // ------------------------------------------------------------------ JWK and JWKS

    @Nested
    @DisplayName("JWK and JWKS")
    class Jwk {

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("toPrivateJwk then fromJwk gives the same signing key")
        void privateRoundTrip(JwtAlgorithm algorithm) throws Exception {
            JwtKey original = TestKeys.key("2026-11", algorithm, 0);
            String json = original.toPrivateJwk();
            JwtKey loaded = JwtKey.fromJwk(json);

            assertThat(loaded.canSign()).isTrue();
            assertSameKey(original, loaded);
            Map<String, Object> members = JSONObjectUtils.parse(json);
            assertThat(members).containsEntry("kid", "2026-11").containsEntry("alg", algorithm.jwsName())
                    .containsEntry("use", "sig");
            assertThat(members).containsKey(algorithm.isSymmetric() ? "k" : "d");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = JwtAlgorithm.class, names = {"ES256", "EdDSA", "RS256"})
        @DisplayName("toPublicJwk then fromJwk gives a verify-only key")
        void publicRoundTrip(JwtAlgorithm algorithm) throws Exception {
            JwtKey original = TestKeys.key("k", algorithm, 0);
            String json = original.toPublicJwk().orElseThrow();
            JwtKey loaded = JwtKey.fromJwk(json);

            assertThat(loaded.canSign()).isFalse();
            assertSameKey(original, loaded);
            assertThat(JSONObjectUtils.parse(json)).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "k");
            assertThat(loaded.toPublicJwk()).contains(json);
            assertThatThrownBy(loaded::toPrivateJwk).isInstanceOf(IllegalStateException.class);
            assertThat(loaded.verifyOnly()).isSameAs(loaded);
            assertThat(original.verifyOnly().canSign()).isFalse();
        }

        @Test
        @DisplayName("an Ed25519 key whose PKCS#8 form ends with its public key exports the right private JWK")
        void ed25519WithPkcs8V2Encoding() {
            KeyPair pair = TestKeys.pair(JwtAlgorithm.EdDSA, 0);
            JwtKey original = JwtKey.of("k", pair.getPublic(), new Pkcs8V2Ed25519((EdECPrivateKey) pair.getPrivate(),
                    pair.getPublic().getEncoded()));

            assertSameKey(original, JwtKey.fromJwk(original.toPrivateJwk()));
        }

        @Test
        @DisplayName("an HMAC key has no public JWK")
        void hmacHasNoPublicJwk() {
            JwtKey key = TestKeys.key("k", JwtAlgorithm.HS256, 0);

            assertThat(key.toPublicJwk()).isEmpty();
            assertThat(key.verifyOnly()).isSameAs(key);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("a JWK whose alg disagrees with its key type is refused")
        void algDisagrees(JwtAlgorithm algorithm) throws Exception {
            Map<String, Object> members = JSONObjectUtils.parse(TestKeys.key("k", algorithm, 0).toPrivateJwk());
            for (String other : List.of("HS256", "HS512", "ES256", "ES384", "EdDSA", "RS256", "PS256", "none")) {
                if (other.equals(algorithm.jwsName())) {
                    continue;
                }
                members.put("alg", other);
                String json = JSONObjectUtils.toJSONString(members);
                assertThat(refused(() -> JwtKey.fromJwk(json))).as(other).hasMessageContaining("alg");
            }
            members.remove("alg");
            assertThat(JwtKey.fromJwk(JSONObjectUtils.toJSONString(members)).algorithm()).isEqualTo(algorithm);
        }

        @Test
        @DisplayName("a JWK without kid, for encryption, on P-384 or of an unknown type is refused")
        void unsupportedJwks() throws Exception {
            Map<String, Object> noKid = JSONObjectUtils.parse(TestKeys.key("k", JwtAlgorithm.ES256, 0).toPrivateJwk());
            noKid.remove("kid");
            assertThat(refused(() -> JwtKey.fromJwk(JSONObjectUtils.toJSONString(noKid)))).hasMessageContaining("kid");

            Map<String, Object> forEncryption = JSONObjectUtils.parse(
                    TestKeys.key("k", JwtAlgorithm.RS256, 0).toPublicJwk().orElseThrow());
            forEncryption.put("use", "enc");
            assertThat(refused(() -> JwtKey.fromJwk(JSONObjectUtils.toJSONString(forEncryption))))
                    .hasMessageContaining("use");

            KeyPair p384 = generate("EC", "secp384r1");
            String p384Jwk = new ECKey.Builder(Curve.P_384, (ECPublicKey) p384.getPublic()).keyID("k").build()
                    .toJSONString();
            assertThat(refused(() -> JwtKey.fromJwk(p384Jwk))).hasMessageContaining("P-256");

            assertThat(refused(() -> JwtKey.fromJwk("{\"kty\":\"XYZ\",\"kid\":\"k\"}"))).hasMessageContaining("JWK");
            assertThat(refused(() -> JwtKey.fromJwk("not json"))).hasMessageContaining("JWK");
        }

        @Test
        @DisplayName("a malformed JWK is refused without repeating its secret")
        void malformedJwkKeepsSecret() {
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(TestKeys.secret(0));
            String[] broken = {
                "{\"kty\":\"oct\",\"kid\":\"k\",\"k\":\"" + secret + "\"",
                "{\"kty\":\"oct\",\"kid\":\"k\",\"k\":" + secret + "}",
                "{\"kty\":\"oct\",\"kid\":\"k\",\"k\":[\"" + secret + "\"]}",
                "{\"kty\":\"oct\",\"kid\":\"k\",\"k\":\"" + secret.substring(0, 20) + "\"}",
            };
            for (String json : broken) {
                IllegalArgumentException e = refused(() -> JwtKey.fromJwk(json));
                assertThat(e.getMessage()).as(json).doesNotContain(secret.substring(0, 12));
                for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                    assertThat(String.valueOf(cause.getMessage())).doesNotContain(secret.substring(0, 12));
                }
            }
        }

        @Test
        @DisplayName("a JWKS of public keys gives a verify-only key set that verifies their tokens")
        void jwksOfPublicKeys() {
            JwtKey es = TestKeys.key("es", JwtAlgorithm.ES256, 0);
            JwtKey ed = TestKeys.key("ed", JwtAlgorithm.EdDSA, 0);
            JwtKey rs = TestKeys.key("rs", JwtAlgorithm.RS256, 0);
            String jwks = "{\"keys\":[" + es.toPublicJwk().orElseThrow() + "," + ed.toPublicJwk().orElseThrow() + ","
                    + rs.toPublicJwk().orElseThrow() + "]}";

            KeySet set = KeySet.fromJwks(jwks);

            assertThat(set.signingKey()).isEmpty();
            assertThat(set.keys()).extracting(JwtKey::kid).containsExactly("es", "ed", "rs");
            assertThat(set.keys()).extracting(JwtKey::canSign).containsOnly(false);
            for (JwtKey signer : List.of(es, ed, rs)) {
                Cluster cluster = new Cluster();
                String token = cluster.logIn(cluster.node(KeySet.of(signer)), "a@example.com").accessToken();
                assertThat(cluster.verifier().keys(set).build().verify(token)).isNotNull();
            }
        }

        @Test
        @DisplayName("a JWKS with private or secret material, duplicate kids, no keys or bad JSON is refused")
        void badJwks() {
            JwtKey es = TestKeys.key("es", JwtAlgorithm.ES256, 0);
            String publicEs = es.toPublicJwk().orElseThrow();

            assertThat(refused(() -> KeySet.fromJwks("{\"keys\":[" + es.toPrivateJwk() + "]}")))
                    .hasMessageContaining("private");
            assertThat(refused(() -> KeySet.fromJwks("{\"keys\":[" + TestKeys.key("hs", JwtAlgorithm.HS256, 0)
                    .toPrivateJwk() + "]}"))).hasMessageContaining("secret");
            assertThat(refused(() -> KeySet.fromJwks("{\"keys\":[" + publicEs + "," + publicEs + "]}")))
                    .hasMessageContaining("two keys have the kid es");
            assertThat(refused(() -> KeySet.fromJwks("{\"keys\":[]}"))).hasMessageContaining("no keys")
                    .hasMessageContaining("HS256");
            assertThat(refused(() -> KeySet.fromJwks("[]"))).hasMessageContaining("JWKS");
            assertThat(refused(() -> AccessTokenVerifier.builder().jwks("{\"keys\":[" + es.toPrivateJwk() + "]}")))
                    .hasMessageContaining("private");
        }

        @Test
        @DisplayName("a key set refuses two keys with one kid, even of different algorithms")
        void duplicateKidsInKeySet() {
            JwtKey hs = TestKeys.key("k1", JwtAlgorithm.HS256, 0);
            JwtKey es = TestKeys.key("k1", JwtAlgorithm.ES256, 0);

            assertThat(refused(() -> KeySet.of(hs, es))).hasMessageContaining("two keys have the kid k1");
            assertThat(refused(() -> KeySet.verifyOnly(List.of(es, hs)))).hasMessageContaining("k1");
            assertThat(refused(() -> KeySet.verifyOnly(List.of()))).hasMessageContaining("at least one");
        }
    }

    // ------------------------------------------------------------------ publishing and generating

    @Nested
    @DisplayName("publishing and generating")
    class Publishing {

        @Test
        @DisplayName("AuthManager.jwks() holds the public keys only, never a private part or an HMAC secret")
        void jwksIsPublic() throws Exception {
            Cluster cluster = new Cluster();
            AuthManager auth = cluster.node(KeySet.of(TestKeys.key("es", JwtAlgorithm.ES256, 0),
                    TestKeys.key("ed", JwtAlgorithm.EdDSA, 0), TestKeys.key("rs", JwtAlgorithm.RS256, 0),
                    TestKeys.key("hs", JwtAlgorithm.HS256, 0)));

            String json = auth.jwks();
            JWKSet set = JWKSet.parse(json);

            assertThat(set.getKeys()).extracting(JWK::getKeyID).containsExactly("es", "ed", "rs");
            assertThat(set.getKeys()).noneMatch(JWK::isPrivate);
            for (Object key : (List<?>) JSONObjectUtils.parse(json).get("keys")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> members = (Map<String, Object>) key;
                assertThat(members).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "oth", "k")
                        .containsEntry("use", "sig").containsKey("alg");
            }
            assertThat(json).doesNotContain(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(TestKeys.secret(0)).substring(0, 12));
            assertThat(KeySet.fromJwks(json).keys()).hasSize(3);
        }

        @Test
        @DisplayName("AuthManager.jwks() of HMAC keys only is an empty set")
        void hmacOnlyJwksIsEmpty() {
            Cluster cluster = new Cluster();
            AuthManager auth = cluster.node(KeySet.of(TestKeys.key("a", JwtAlgorithm.HS256, 0),
                    TestKeys.key("b", JwtAlgorithm.HS256, 1)));

            assertThat(auth.jwks()).isEqualTo("{\"keys\":[]}");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(JwtAlgorithm.class)
        @DisplayName("generate() makes a fresh signing key with a random kid")
        void freshKeys(JwtAlgorithm algorithm) throws Exception {
            JwtKey a = JwtKey.generate(algorithm);
            JwtKey b = JwtKey.generate(algorithm);
            JwtKey named = JwtKey.generate("2026-11", algorithm);

            assertThat(a.algorithm()).isEqualTo(algorithm);
            assertThat(a.canSign()).isTrue();
            assertThat(a.kid()).isNotBlank().isNotEqualTo(b.kid());
            assertThat(named.kid()).isEqualTo("2026-11");
            assertNotTheSameKey(a, JwtKey.fromJwk(b.toPrivateJwk().replace(b.kid(), a.kid())));
            String secretPart = (String) JSONObjectUtils.parse(a.toPrivateJwk()).get(algorithm.isSymmetric() ? "k" : "d");
            assertThat(secretPart).hasSizeGreaterThanOrEqualTo(43);
            assertThat(a.toString()).contains(a.kid(), algorithm.jwsName()).doesNotContain(secretPart.substring(0, 8));
        }
    }
}
