package dev.ward.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.AuthException;
import dev.ward.JwtAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ed25519 through the JDK, always the default, and through Tink, only when a codec is asked for
 * it (Tink is on the test class path, so nothing but that request may switch it on). The two
 * must give the same verdict on every signature, valid or hostile.
 */
@DisplayName("Ed25519 through Tink and through the JDK")
class Ed25519EnginesTest {

    /** The order of the Ed25519 base point. */
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    private static AccessTokenCodec codec(KeyMaterial key, boolean tink) {
        return new AccessTokenCodec(List.of(key), key, "https://issuer.example", "api", Duration.ofSeconds(30),
                Clock.fixed(NOW, ZoneOffset.UTC), 0, tink);
    }

    private static String token(AccessTokenCodec codec) {
        return codec.issue("user-1", "session-1", Set.of("user"), NOW, NOW.plusSeconds(60), "jti-1");
    }

    @Test
    @DisplayName("Tink is on the test class path, yet keys and codecs verify through the JDK unless Tink is asked for")
    void jdkUnlessAsked() {
        EdKeyMaterial key = (EdKeyMaterial) KeyLoading.generate("k", JwtAlgorithm.EdDSA);
        assertThat(TinkEd25519.tinkAvailable()).isTrue();

        AccessTokenCodec byDefault = new AccessTokenCodec(List.of(key), key, "https://issuer.example", "api",
                Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC), 0);

        assertThat(key.usesTink()).isFalse();
        assertThat(byDefault.verifiesEd25519WithTink()).isFalse();
        assertThat(((EdKeyMaterial) byDefault.verifyingKey("k")).usesTink()).isFalse();
        assertThat(((EdKeyMaterial) codec(key, false).verifyingKey("k")).usesTink()).isFalse();
    }

    @Test
    @DisplayName("a codec asked for Tink verifies its Ed25519 keys through it, and its tokens still verify")
    void tinkWhenAsked() {
        EdKeyMaterial key = (EdKeyMaterial) KeyLoading.generate("k", JwtAlgorithm.EdDSA);
        KeyMaterial hmac = KeyLoading.generate("h", JwtAlgorithm.HS256);
        AccessTokenCodec jdk = codec(key, false);
        AccessTokenCodec tink = new AccessTokenCodec(List.of(key, hmac), key, "https://issuer.example", "api",
                Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC), 0, true);

        assertThat(tink.verifiesEd25519WithTink()).isTrue();
        assertThat(((EdKeyMaterial) tink.verifyingKey("k")).usesTink()).isTrue();
        assertThat(tink.verifyingKey("h")).as("other keys are left as they are").isSameAs(hmac);
        String token = token(jdk);
        assertThat(tink.verify(token).userId()).isEqualTo("user-1");
        assertThat(jdk.verify(token(tink)).userId()).isEqualTo("user-1");
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");
        assertThatThrownBy(() -> tink.verify(forged)).isInstanceOf(AuthException.class);
    }

    @Test
    @DisplayName("asking for Tink without Tink on the class path is refused, saying what to do")
    void tinkAbsentIsRefused() {
        assertThatThrownBy(() -> TinkEd25519.requireAvailable(false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Tink is not on the class path")
                .hasMessageContaining("com.google.crypto.tink:tink")
                .hasMessageContaining("JDK provider");
    }

    @Test
    @DisplayName("the choice of Tink is logged at INFO, at most once per JVM")
    void choiceIsLoggedOnce() {
        Logger ward = Logger.getLogger("dev.ward");
        List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (TinkEd25519.ANNOUNCEMENT.equals(record.getMessage())) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        ward.addHandler(capture);
        try {
            KeyMaterial key = KeyLoading.generate("k", JwtAlgorithm.EdDSA);
            codec(key, true);
            codec(key, true);
            codec(key, false);
        } finally {
            ward.removeHandler(capture);
        }

        // Another test may have asked for Tink first in this JVM; then nothing more is logged.
        assertThat(records).hasSizeLessThanOrEqualTo(1);
        assertThat(records).allSatisfy(record -> assertThat(record.getLevel()).isEqualTo(Level.INFO));
    }

    @Test
    @DisplayName("both agree on valid signatures, bit flips, S + L, zero and all-ones signatures")
    void bothAgree() {
        EdKeyMaterial key = (EdKeyMaterial) KeyLoading.generate("k", JwtAlgorithm.EdDSA);
        EdKeyMaterial throughTink = key.verifyingThroughTink();
        EdKeyMaterial other = (EdKeyMaterial) KeyLoading.generate("o", JwtAlgorithm.EdDSA);
        Random random = new Random(20261127);
        int accepted = 0;
        for (int round = 0; round < 300; round++) {
            byte[] data = ("message " + round + " " + random.nextLong()).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = key.sign(data);
            for (byte[] candidate : variants(signature, other.sign(data), random)) {
                boolean tink = throughTink.verify(data, candidate);
                boolean jdk = key.verify(data, candidate);
                assertThat(tink).as("round %d", round).isEqualTo(jdk);
                if (tink) {
                    accepted++;
                }
            }
            byte[] changedData = Arrays.copyOf(data, data.length);
            changedData[random.nextInt(changedData.length)] ^= 1;
            assertThat(throughTink.verify(changedData, signature)).isFalse();
            assertThat(key.verify(changedData, signature)).isFalse();
        }
        assertThat(accepted).as("only the genuine signatures").isEqualTo(300);
    }

    private static byte[][] variants(byte[] signature, byte[] otherKeys, Random random) {
        byte[] flipped = signature.clone();
        flipped[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
        byte[] sPlusL = signature.clone();
        byte[] s = Arrays.copyOfRange(signature, 32, 64);
        byte[] reversed = new byte[32];
        for (int i = 0; i < 32; i++) {
            reversed[i] = s[31 - i];
        }
        BigInteger big = new BigInteger(1, reversed).add(L);
        byte[] bigBytes = big.toByteArray();
        byte[] little = new byte[32];
        for (int i = 0; i < 32 && i < bigBytes.length; i++) {
            little[i] = bigBytes[bigBytes.length - 1 - i];
        }
        System.arraycopy(little, 0, sPlusL, 32, 32);
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xFF);
        return new byte[][] {signature, flipped, sPlusL, new byte[64], ones, otherKeys};
    }
}
