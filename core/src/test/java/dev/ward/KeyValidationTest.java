package dev.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys that would weaken verification are refused wherever keys are loaded: {@code JwtKey.of},
 * PEM, JWK and JWKS.
 */
class KeyValidationTest {

    private static IllegalArgumentException refused(Runnable load) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, load::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    private static String pem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Nested
    @DisplayName("Ed25519 public keys of small order")
    class SmallOrder {

        private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
        private static final BigInteger ORDER_8_Y =
                new BigInteger("2707385501144840649318225287225658788936804267575313519463743609750303402022");
        private static final byte[] SPKI_PREFIX =
                {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

        /** Every encoding of the eight points of order 1, 2, 4 and 8, canonical or not (y + p). */
        static List<byte[]> smallOrderEncodings() {
            List<byte[]> encodings = new ArrayList<>();
            for (BigInteger y : List.of(BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), ORDER_8_Y,
                    P.subtract(ORDER_8_Y), P, P.add(BigInteger.ONE))) {
                for (boolean negativeX : new boolean[] {false, true}) {
                    encodings.add(encode(y, negativeX));
                }
            }
            return encodings;
        }

        private static byte[] encode(BigInteger y, boolean negativeX) {
            byte[] bigEndian = y.toByteArray();
            byte[] raw = new byte[32];
            for (int i = 0; i < Math.min(32, bigEndian.length); i++) {
                raw[i] = bigEndian[bigEndian.length - 1 - i];
            }
            if (negativeX) {
                raw[31] |= (byte) 0x80;
            }
            return raw;
        }

        private static byte[] spki(byte[] raw) {
            byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
            System.arraycopy(raw, 0, der, SPKI_PREFIX.length, 32);
            return der;
        }

        @ParameterizedTest
        @MethodSource("smallOrderEncodings")
        @DisplayName("are refused by JwtKey.of, PEM, JWK and JWKS")
        void refusedEverywhere(byte[] raw) throws Exception {
            String jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k\",\"x\":\"" + b64url(raw) + "\"}";
            assertThat(refused(() -> JwtKey.fromJwk(jwk))).hasMessageContaining("small order");
            assertThat(refused(() -> KeySet.fromJwks("{\"keys\":[" + jwk + "]}"))).hasMessageContaining("small order");
            assertThat(refused(() -> JwtKey.fromPem("k", pem(spki(raw))))).hasMessageContaining("small order");
            PublicKey jdkKey;
            try {
                jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki(raw)));
            } catch (java.security.GeneralSecurityException e) {
                return; // the JDK refuses this encoding itself
            }
            assertThat(refused(() -> JwtKey.of("k", jdkKey, null))).hasMessageContaining("small order");
        }

        @Test
        @DisplayName("ordinary Ed25519 keys still load")
        void ordinaryKeysLoad() {
            for (int i = 0; i < 20; i++) {
                JwtKey key = JwtKey.generate(JwtAlgorithm.EdDSA);
                assertThatCode(() -> KeySet.fromJwks(KeySet.verifyOnly(List.of(key)).toPublicJwks()))
                        .doesNotThrowAnyException();
            }
        }
    }

    @Nested
    @DisplayName("EC public keys off P-256")
    class OffCurve {

        private final ECPublicKey real = (ECPublicKey) TestKeys.pair(JwtAlgorithm.ES256, 0).getPublic();
        private final ECPoint offCurve = new ECPoint(real.getW().getAffineX(), real.getW().getAffineY().add(BigInteger.ONE));

        private ECPublicKey handMade(ECPoint w) {
            return new ECPublicKey() {
                private static final long serialVersionUID = 1L;

                @Override
                public ECPoint getW() {
                    return w;
                }

                @Override
                public String getAlgorithm() {
                    return "EC";
                }

                @Override
                public String getFormat() {
                    return "X.509";
                }

                @Override
                public byte[] getEncoded() {
                    return real.getEncoded();
                }

                @Override
                public ECParameterSpec getParams() {
                    return real.getParams();
                }
            };
        }

        @Test
        @DisplayName("a hand-made ECPublicKey off the curve, or at infinity, is refused by JwtKey.of")
        void handMadeKey() {
            assertThat(refused(() -> JwtKey.of("k", handMade(offCurve), null))).hasMessageContaining("on curve P-256");
            assertThat(refused(() -> JwtKey.of("k", handMade(ECPoint.POINT_INFINITY), null)))
                    .hasMessageContaining("infinity");
            BigInteger p = ((java.security.spec.ECFieldFp) real.getParams().getCurve().getField()).getP();
            ECPoint shifted = new ECPoint(real.getW().getAffineX().add(p), real.getW().getAffineY());
            assertThat(refused(() -> JwtKey.of("k", handMade(shifted), null))).hasMessageContaining("on curve P-256");
            assertThatCode(() -> JwtKey.of("k", handMade(real.getW()), null)).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("an off-curve point in a PEM, a JWK or a JWKS is refused")
        void loadedKeys() {
            byte[] der = real.getEncoded();
            der[der.length - 1] ^= 1; // y + or - 1: off the curve
            assertThat(refused(() -> JwtKey.fromPem("k", pem(der)))).hasMessageContaining("P-256");
            String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k\",\"x\":\"" + b64url(unsigned(offCurve.getAffineX()))
                    + "\",\"y\":\"" + b64url(unsigned(offCurve.getAffineY())) + "\"}";
            assertThat(refused(() -> JwtKey.fromJwk(jwk))).hasMessageContaining("P-256");
            assertThat(refused(() -> KeySet.fromJwks("{\"keys\":[" + jwk + "]}"))).hasMessageContaining("P-256");
        }

        private static byte[] unsigned(BigInteger value) {
            byte[] bytes = value.toByteArray();
            byte[] out = new byte[32];
            int n = Math.min(32, bytes.length);
            System.arraycopy(bytes, bytes.length - n, out, 32 - n, n);
            return out;
        }
    }

    @Nested
    @DisplayName("guessable HS256 secrets")
    class GuessableSecrets {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abcabcabcabcabcabcabcabcabcabcabcabc",
                "abcdefghabcdefghabcdefghabcdefgh", "password!!!!!!!!!!!!!!!!!!!!!!!!", "mysecretkey=====================",
                "!!!!letmein1234567890!@#$%^&*()-=+"})
        @DisplayName("a repeated byte, a short pattern, mostly padding or a common password padded out is refused, "
                + "with how to make one, never quoting it")
        void refused(String secret) {
            byte[] bytes = secret.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length < 32) {
                bytes = (secret + "~".repeat(32 - bytes.length)).getBytes(StandardCharsets.US_ASCII);
            }
            byte[] chosen = bytes;
            IllegalArgumentException e = KeyValidationTest.refused(() -> JwtKey.hmac("k", chosen));

            assertThat(e).hasMessageContaining("guessable").hasMessageContaining("openssl rand -base64 32")
                    .hasMessageContaining("JwtKey.generate(JwtAlgorithm.HS256)")
                    .hasMessageNotContaining(new String(chosen, StandardCharsets.US_ASCII));
            String jwk = "{\"kty\":\"oct\",\"kid\":\"k\",\"k\":\"" + b64url(chosen) + "\"}";
            assertThat(KeyValidationTest.refused(() -> JwtKey.fromJwk(jwk))).hasMessageContaining("guessable");
            assertThat(KeyValidationTest.refused(() -> JwtKey.hmacBase64("k", Base64.getEncoder().encodeToString(chosen))))
                    .hasMessageContaining("guessable");
        }

        @Test
        @DisplayName("all-zero bytes are refused")
        void zeros() {
            assertThat(KeyValidationTest.refused(() -> JwtKey.hmac("k", new byte[32]))).hasMessageContaining("guessable");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"0123456789abcdef0123456789abcdef", "an-HS256-secret-for-the-tests-only-0123456789",
                "hygiene-hmac-secret-0123456789abcdef", "correct horse battery staple, and more words",
                "q3Zk9r+TmB1x/0vLwYp2c8Hn5sUeJa7dRfGi4oKtNqE="})
        @DisplayName("a hex test secret of 16 distinct characters, a passphrase and base64 text are accepted")
        void accepted(String secret) {
            assertThatCode(() -> JwtKey.hmac("k", secret.getBytes(StandardCharsets.US_ASCII))).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("random secrets are never refused")
        void randomSecretsPass() {
            java.security.SecureRandom random = new java.security.SecureRandom();
            for (int i = 0; i < 10_000; i++) {
                byte[] secret = new byte[32];
                random.nextBytes(secret);
                assertThatCode(() -> JwtKey.hmac("k", secret)).doesNotThrowAnyException();
                String text = Base64.getEncoder().encodeToString(secret);
                assertThatCode(() -> JwtKey.hmac("k", text.getBytes(StandardCharsets.US_ASCII))).doesNotThrowAnyException();
            }
        }
    }
}
